package org.recgate.sip.msml;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sip.Dialog;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * START on a media server: an INVITE to {@code sip:msml=<recording id>@<media server>;dn=<DN>;record}
 * with the SDP offer, then, after the 2xx and its ACK, an INFO with {@code <dialogstart>}: a
 * parallel {@code <group>} with one {@code <record>} per destination the dialog serves. Both are
 * one setup: a candidate whose INVITE or INFO fails in a way the failover rule names is left
 * (after a BYE) for the next. A primary and a duplicate with the same candidate list share one
 * dialog (records r1 and r2, one media server recording both); otherwise each destination has a
 * dialog of its own.
 */
record MsmlSetup(SipUserAgent userAgent, MsmlMessages messages, MsmlDialogs dialogs) {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlSetup.class);

    List<CompletableFuture<DestinationResult>> start(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                     MsmlSettings settings) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        for (List<Integer> group : dialogGroups(destinations)) {
            List<RecorderDestination> members = group.stream().map(destinations::get).toList();
            CompletableFuture<List<DestinationResult>> setup = DialogOutcomes.withFailover(spec.recordingId(),
                    members.get(0).candidates(), settings.failover(), uri -> open(spec, uri, members, settings),
                    outcome -> outcome.get(0));
            for (int i = 0; i < group.size(); i++) {
                int member = i;
                results.set(group.get(i), setup.thenApply(outcome -> outcome.get(member)));
            }
        }
        return results;
    }

    /**
     * Which destinations share a dialog: a primary and a duplicate with the same candidate list
     * (one media server, two records); every other destination has a dialog of its own.
     */
    static List<List<Integer>> dialogGroups(List<RecorderDestination> destinations) {
        List<List<Integer>> groups = new ArrayList<>();
        int primary = -1;
        for (int i = 0; i < destinations.size(); i++) {
            if (destinations.get(i).role() == DestinationRole.PRIMARY && primary < 0) {
                primary = i;
            }
        }
        int shared = -1;
        for (int i = 0; i < destinations.size() && primary >= 0; i++) {
            RecorderDestination candidate = destinations.get(i);
            if (candidate.role() == DestinationRole.DUPLICATE
                    && candidate.candidates().equals(destinations.get(primary).candidates())) {
                shared = i;
                break;
            }
        }
        for (int i = 0; i < destinations.size(); i++) {
            if (i == shared) {
                continue;
            }
            groups.add(i == primary && shared >= 0 ? List.of(primary, shared) : List.of(i));
        }
        return groups;
    }

    /** One candidate: INVITE, then the dialogstart INFO; one result per member, in order. */
    private CompletableFuture<List<DestinationResult>> open(RecordingSessionSpec spec, String uri,
                                                            List<RecorderDestination> members, MsmlSettings settings) {
        List<MsmlConnection.Record> records = members.stream().map(member -> new MsmlConnection.Record(
                MsmlBodies.recordId(member.role()), new RecorderDialog.Key(spec.recordingId(), uri), member.role(),
                RecordDestination.of(settings.recordDest(), spec, member.role()))).toList();
        MsmlConnection connection = new MsmlConnection(settings, records);
        RecorderDialog<MsmlConnection> recorderDialog = new RecorderDialog<>(records.get(0).key(), records.get(0).role(),
                Dialect.MSML, connection);
        if (!dialogs.claim(recorderDialog)) {
            return DialogOutcomes.done(MsmlResults.each(connection, record -> MsmlResults.result(uri, record.role(),
                    DestinationStatus.REJECTED, null, "recording " + spec.recordingId() + " already has a dialog with " + uri,
                    null)));
        }
        Request invite;
        try {
            invite = messages.invite(messages.requestUri(uri, spec.recordingId(), spec.recordedDn()), settings,
                    connection.sdp());
        } catch (ParseException | IllegalArgumentException e) {
            dialogs.forget(recorderDialog);
            return DialogOutcomes.done(MsmlResults.each(connection, record -> MsmlResults.result(uri, record.role(),
                    DestinationStatus.UNREACHABLE, null, "bad recorder URI: " + e.getMessage(), null)));
        }
        return userAgent.sendInitial(invite, recorderDialog, settings.timeoutMs())
                .thenCompose(outcome -> startDialog(recorderDialog, spec, outcome));
    }

    /** After the INVITE's answer: the {@code <dialogstart>} to the connection the media server named by its To-tag. */
    private CompletableFuture<List<DestinationResult>> startDialog(RecorderDialog<MsmlConnection> recorderDialog,
                                                                   RecordingSessionSpec spec, SipOutcome invited) {
        MsmlConnection connection = recorderDialog.session();
        String uri = recorderDialog.key().uri();
        if (!invited.isSuccess()) {
            dialogs.forget(recorderDialog);
            return DialogOutcomes.done(MsmlResults.each(connection,
                    record -> DialogOutcomes.failure(uri, record.role(), Dialect.MSML, invited)));
        }
        Dialog dialog = invited.dialog();
        recorderDialog.established(dialog);
        connection.toTag(MsmlMessages.toTag(invited.response()));
        String sdpAnswer = MsmlMessages.hasSdp(invited.response()) ? MsmlMessages.textOf(invited.response()) : null;
        connection.sdpAnswer(sdpAnswer);
        if (recorderDialog.state() == RecorderDialog.State.ENDED) {
            dialogs.forget(recorderDialog);
            return DialogOutcomes.done(MsmlResults.each(connection, record -> MsmlResults.result(uri, record.role(),
                    DestinationStatus.ENDED, invited.status(), "the media server hung up right after answering", null)));
        }
        if (connection.toTag() == null || connection.toTag().isBlank()) {
            // RFC 5707 §6.2: the connection is named conn:<To-tag>; without a tag there is nothing to address
            dialogs.forget(recorderDialog);
            recorderDialog.end();
            userAgent.hangUp(dialog);
            return DialogOutcomes.done(MsmlResults.each(connection, record -> MsmlResults.result(uri, record.role(),
                    DestinationStatus.REJECTED, invited.status(),
                    "the media server's answer has no To-tag to name the connection by", null)));
        }
        String dialogstart = MsmlBodies.dialogstart(connection.toTag(),
                connection.records().stream().map(r -> new MsmlBodies.Record(r.id(), r.dest())).toList(),
                connection.settings().recordFormat(), connection.settings().maxTime(), spec,
                connection.settings().extensionNamespace());
        return messages.sendInfo(recorderDialog, dialogstart).thenApply(outcome -> started(recorderDialog, spec, dialog,
                sdpAnswer, outcome));
    }

    /** The dialogstart's answer: live with result 200; anything else fails the setup and hangs up. */
    private List<DestinationResult> started(RecorderDialog<MsmlConnection> recorderDialog, RecordingSessionSpec spec,
                                            Dialog dialog, String sdpAnswer, SipOutcome outcome) {
        MsmlConnection connection = recorderDialog.session();
        String uri = recorderDialog.key().uri();
        Optional<MsmlBodies.Result> result = MsmlResults.resultOf(outcome);
        if (MsmlResults.succeeded(outcome, result)) {
            if (recorderDialog.goLive(dialog)) {
                LOG.debug("Recording {}: MSML dialog {} started on {} ({})", spec.recordingId(),
                        MsmlBodies.dialogId(connection.toTag()), uri, records(connection));
                Map<String, Object> state = MsmlResults.stateOf(recorderDialog, userAgent.transport());
                return MsmlResults.each(connection, record -> new DestinationResult(uri, record.role(), Dialect.MSML,
                        DestinationStatus.ESTABLISHED, outcome.status(), null, sdpAnswer, 200).withDialogState(state));
            }
            dialogs.forget(recorderDialog);
            return MsmlResults.each(connection, record -> MsmlResults.result(uri, record.role(), DestinationStatus.ENDED,
                    outcome.status(), "the media server ended the dialog right after starting it", 200));
        }
        dialogs.forget(recorderDialog);
        if (recorderDialog.end() != RecorderDialog.State.ENDED && DialogOutcomes.worthHangingUp(outcome)) {
            userAgent.hangUp(dialog);
        }
        return MsmlResults.each(connection, record -> MsmlResults.infoFailure(uri, record.role(), outcome, result));
    }

    private static String records(MsmlConnection connection) {
        return connection.records().stream().map(r -> r.id() + " → " + r.dest()).collect(Collectors.joining(", "));
    }
}
