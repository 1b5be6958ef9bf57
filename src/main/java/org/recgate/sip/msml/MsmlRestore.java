package org.recgate.sip.msml;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.session.TakeoverRoutes;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.recgate.sip.takeover.DialogTakeover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESTORE of MSML destinations (docs/durable-state.md §7): the destinations whose dialog state
 * names one SIP dialog (a primary and its duplicate on one media server) are taken over together
 * with one target-refresh re-INVITE with the stored SDP; on its 2xx the stored route set is put
 * back before the ACK and the dialog, with its stored records, goes live here, so pause, resume and
 * stop are INFO in it as before (their CSeq goes on from the takeover's). When the media server no
 * longer has the dialog (481, 408, no answer) or refuses, a new dialog replaces it as START sets
 * one up (INVITE, then {@code <dialogstart>}, same recording id), and records that were paused are
 * paused again before the result says so (recovery never resumes capture); a new dialog that cannot
 * be paused is stopped.
 */
record MsmlRestore(SipUserAgent userAgent, MsmlMessages messages, MsmlDialogs dialogs, MsmlSetup setup,
                   MsmlControl control) {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlRestore.class);

    List<CompletableFuture<DestinationResult>> restore(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                       MsmlSettings settings) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        Map<String, List<Integer>> byDialog = new LinkedHashMap<>();
        Map<String, MsmlDialogState> states = new LinkedHashMap<>();
        for (int i = 0; i < destinations.size(); i++) {
            RecorderDestination destination = destinations.get(i);
            try {
                if (destination.dialogState() == null) {
                    throw new IllegalArgumentException("no dialog state to restore it from");
                }
                MsmlDialogState state = MsmlDialogState.fromMap(destination.dialogState());
                states.putIfAbsent(state.dialog().callId(), state);
                byDialog.computeIfAbsent(state.dialog().callId(), ignored -> new ArrayList<>()).add(i);
            } catch (IllegalArgumentException e) {
                results.set(i, refused(destination, "cannot restore the MSML dialog with " + destination.uri() + ": "
                        + e.getMessage()));
            }
        }
        byDialog.forEach((callId, members) -> {
            CompletableFuture<List<DestinationResult>> done = takeOver(spec, states.get(callId),
                    members.stream().map(destinations::get).toList(), settings);
            for (int i = 0; i < members.size(); i++) {
                int member = i;
                results.set(members.get(i), done.thenApply(list -> list.get(member)));
            }
        });
        return results;
    }

    private CompletableFuture<List<DestinationResult>> takeOver(RecordingSessionSpec spec, MsmlDialogState state,
                                                                List<RecorderDestination> members, MsmlSettings settings) {
        MsmlConnection connection = state.connection(spec, settings);
        MsmlConnection.Record first = connection.records().get(0);
        RecorderDialog<MsmlConnection> recorderDialog = new RecorderDialog<>(first.key(), first.role(), Dialect.MSML,
                connection);
        if (!dialogs.claim(recorderDialog)) {
            return DialogOutcomes.done(members.stream().map(member -> refused(member, "recording " + spec.recordingId()
                    + " already has a dialog with " + first.key().uri()).join()).toList());
        }
        DialogTakeover takeover;
        Request reInvite;
        try {
            takeover = new DialogTakeover(userAgent.contact(settings.fromUser()));
            reInvite = messages.takeover(takeover.reInvite(state.dialog()));
        } catch (ParseException | IllegalArgumentException e) {
            return renew(recorderDialog, state, spec, members, settings, "no takeover possible: " + e.getMessage());
        }
        TakeoverRoutes routes = new TakeoverRoutes(takeover, state.dialog());
        return userAgent.sendInitial(reInvite, recorderDialog, settings.timeoutMs(), routes).thenCompose(outcome -> {
            if (outcome.isSuccess() && routes.problem() != null) {
                userAgent.hangUp(outcome.dialog()); // the dialog would go past the proxies of its route set
                return renew(recorderDialog, state, spec, members, settings, routes.problem());
            }
            if (!outcome.isSuccess()) {
                return renew(recorderDialog, state, spec, members, settings, "the media server answered the takeover "
                        + outcome.describe());
            }
            return DialogOutcomes.done(taken(recorderDialog, spec, members, outcome));
        });
    }

    private List<DestinationResult> taken(RecorderDialog<MsmlConnection> recorderDialog, RecordingSessionSpec spec,
                                          List<RecorderDestination> members, SipOutcome outcome) {
        MsmlConnection connection = recorderDialog.session();
        String uri = recorderDialog.key().uri();
        String answer = MsmlMessages.hasSdp(outcome.response()) ? MsmlMessages.textOf(outcome.response()) : null;
        connection.sdpAnswer(answer);
        if (!recorderDialog.goLive(outcome.dialog())) {
            dialogs.forget(recorderDialog);
            return members.stream().map(member -> MsmlResults.result(uri, member.role(), DestinationStatus.ENDED,
                    outcome.status(), "the media server hung up right after the takeover", null)).toList();
        }
        LOG.info("Recording {}: took over the MSML dialog {} on {}", spec.recordingId(),
                MsmlBodies.dialogId(connection.toTag()), uri);
        Map<String, Object> state = MsmlResults.stateOf(recorderDialog, userAgent.transport());
        return members.stream().map(member -> connection.record(recorderDialog.key(), member.role())
                .map(record -> new DestinationResult(uri, member.role(), Dialect.MSML, DestinationStatus.ESTABLISHED,
                        outcome.status(), null, answer, null).withDialogState(state))
                .orElseGet(() -> MsmlResults.result(uri, member.role(), DestinationStatus.REJECTED, null,
                        "the restored MSML dialog has no record for the " + member.role().name().toLowerCase() + " destination",
                        null))).toList();
    }

    /**
     * The dialog cannot continue: a new one as START sets it up, with the same recording id; the
     * records that were paused are paused again before their result is given.
     */
    private CompletableFuture<List<DestinationResult>> renew(RecorderDialog<MsmlConnection> lost, MsmlDialogState state,
                                                             RecordingSessionSpec spec, List<RecorderDestination> members,
                                                             MsmlSettings settings, String why) {
        dialogs.forget(lost);
        lost.end();
        LOG.warn("Recording {}: the MSML dialog with {} cannot be taken over ({}): setting up a new one",
                spec.recordingId(), lost.key().uri(), why);
        List<CompletableFuture<DestinationResult>> started = setup.start(spec, members, settings);
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            List<DestinationResult> results = started.stream().map(CompletableFuture::join).toList();
            List<RecorderDestination> toPause = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                if (results.get(i).status() == DestinationStatus.ESTABLISHED && state.paused(members.get(i).role())) {
                    toPause.add(members.get(i).withCandidates(List.of(results.get(i).uri())));
                }
            }
            if (toPause.isEmpty()) {
                return DialogOutcomes.done(results.stream().map(MsmlRestore::renewed).toList());
            }
            List<CompletableFuture<DestinationResult>> paused = control.signal(spec, toPause, "pause");
            return CompletableFuture.allOf(paused.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> pausedOrStopped(spec, members, results, toPause, paused, settings));
        });
    }

    /** Each renewed result, the pause's where one was sent; a new dialog whose pause failed is stopped. */
    private CompletableFuture<List<DestinationResult>> pausedOrStopped(RecordingSessionSpec spec,
                                                                       List<RecorderDestination> members,
                                                                       List<DestinationResult> started,
                                                                       List<RecorderDestination> toPause,
                                                                       List<CompletableFuture<DestinationResult>> paused,
                                                                       MsmlSettings settings) {
        List<DestinationResult> results = new ArrayList<>(started);
        List<RecorderDestination> toStop = new ArrayList<>();
        for (int p = 0; p < toPause.size(); p++) {
            DestinationResult pause = paused.get(p).join();
            results.set(indexOfRole(members, toPause.get(p)), pause);
            if (pause.status() != DestinationStatus.ESTABLISHED) {
                LOG.warn("Recording {}: the new MSML dialog with {} could not be paused ({}): stopping it",
                        spec.recordingId(), pause.uri(), DialogOutcomes.describe(pause));
                toStop.add(toPause.get(p));
            }
        }
        List<CompletableFuture<DestinationResult>> stopped = toStop.isEmpty() ? List.of()
                : control.stop(spec, toStop, settings);
        return CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(MsmlRestore::renewed).toList());
    }

    private static int indexOfRole(List<RecorderDestination> members, RecorderDestination destination) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).role() == destination.role()) {
                return i;
            }
        }
        throw new IllegalStateException("no member with role " + destination.role());
    }

    private static DestinationResult renewed(DestinationResult result) {
        return result.status() == DestinationStatus.ESTABLISHED ? result.asRenewed() : result;
    }

    private static CompletableFuture<DestinationResult> refused(RecorderDestination destination, String detail) {
        return DialogOutcomes.done(MsmlResults.result(destination.uri(), destination.role(), DestinationStatus.REJECTED,
                null, detail, null));
    }
}
