package org.recgate.sip.msml;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.SipRecorderConfiguration;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialect;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives recordings on media servers with MSML (RFC 5707), the Genesys Media Server way: the
 * gateway is the application server. One SIP dialog per media server and recording:
 * <ul>
 * <li>START: INVITE to {@code sip:msml=<recording id>@<media server>;dn=<DN>;record} with the SDP
 *     offer (failover over the candidates as for SIPREC); after the 2xx and its ACK, an INFO with
 *     {@code <dialogstart>}: a parallel {@code <group>} with one {@code <record>} per destination.
 *     A primary and a duplicate with the same candidate list share the dialog (records r1 and r2);
 *     otherwise each destination has a dialog of its own.</li>
 * <li>PAUSE / RESUME: an INFO with {@code <send event="pause|resume">} to each record.</li>
 * <li>STOP: an INFO with {@code <dialogend>}, then BYE (one record of two: {@code terminate} to it).</li>
 * <li>UPDATE: refused; nothing is sent (MSML has no place for new params in a running dialog).</li>
 * </ul>
 * A request succeeds only when the 2xx to its INFO carries {@code <result response="200"/>};
 * anything else fails it and leaves the dialog as it was. The media server's INFOs are answered
 * 200; a {@code msml.dialog.exit} the gateway did not ask for ends the dialog (BYE) and each of its
 * destinations (a {@link RecorderEvent}), as does a BYE from the media server, or no answer / 408 /
 * 481 to an INFO.
 * <p>
 * Every future returned here completes normally, with the destination's result.
 */
public final class MsmlRecorder implements RecorderDialect {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlRecorder.class);

    private final SipUserAgent userAgent;
    private final MsmlMessages messages;
    private final Consumer<RecorderEvent> events;
    /** Each live or starting record's dialog, by (recording id, URI); a shared dialog is here twice. */
    private final Map<RecorderDialog.Key, RecorderDialog<MsmlConnection>> dialogs = new ConcurrentHashMap<>();

    /**
     * @param events where media-server-initiated endings go; called on the SIP message thread or
     *               the worker, it must not block
     */
    public MsmlRecorder(SipUserAgent userAgent, Consumer<RecorderEvent> events) {
        this.userAgent = userAgent;
        this.messages = new MsmlMessages(userAgent);
        this.events = events;
    }

    @Override
    public Dialect dialect() {
        return Dialect.MSML;
    }

    @Override
    public List<CompletableFuture<DestinationResult>> perform(RecorderOperation operation, RecordingSessionSpec spec,
                                                              List<RecorderDestination> destinations,
                                                              SipRecorderConfiguration options) {
        MsmlSettings settings = options.msmlSettings();
        return switch (operation) {
            case START -> start(spec, destinations, settings);
            case PAUSE -> signal(spec, destinations, settings, "pause");
            case RESUME -> signal(spec, destinations, settings, "resume");
            case UPDATE -> destinations.stream().map(d -> DialogOutcomes.done(result(d.uri(), d.role(),
                    DestinationStatus.REJECTED, null, "MSML cannot change the params of a running recording dialog "
                            + "(they go with START); nothing was sent", null))).toList();
            case STOP -> stop(spec, destinations, settings);
        };
    }

    @Override
    public void hangUpAll() {
        java.util.Set<RecorderDialog<MsmlConnection>> live = Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(dialogs.values());
        live.forEach(recorderDialog -> {
            if (recorderDialog.end() == RecorderDialog.State.LIVE) {
                userAgent.hangUp(recorderDialog.dialog());
            }
        });
        dialogs.clear();
    }

    // --- START -------------------------------------------------------------------------------

    private List<CompletableFuture<DestinationResult>> start(RecordingSessionSpec spec, List<RecorderDestination> destinations,
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
        if (dialogs.putIfAbsent(recorderDialog.key(), recorderDialog) != null) {
            return DialogOutcomes.done(each(connection, record -> result(uri, record.role(), DestinationStatus.REJECTED,
                    null, "recording " + spec.recordingId() + " already has a dialog with " + uri, null)));
        }
        Request invite;
        try {
            invite = messages.invite(messages.requestUri(uri, spec.recordingId(), spec.recordedDn()), settings,
                    connection.sdp());
        } catch (ParseException | IllegalArgumentException e) {
            forget(recorderDialog);
            return DialogOutcomes.done(each(connection, record -> result(uri, record.role(), DestinationStatus.UNREACHABLE,
                    null, "bad recorder URI: " + e.getMessage(), null)));
        }
        return userAgent.sendInitial(invite, recorderDialog, settings.timeoutMs())
                .thenCompose(outcome -> startDialog(recorderDialog, spec, outcome));
    }

    private CompletableFuture<List<DestinationResult>> startDialog(RecorderDialog<MsmlConnection> recorderDialog,
                                                                   RecordingSessionSpec spec, SipOutcome invited) {
        MsmlConnection connection = recorderDialog.session();
        String uri = recorderDialog.key().uri();
        if (!invited.isSuccess()) {
            forget(recorderDialog);
            return DialogOutcomes.done(each(connection,
                    record -> DialogOutcomes.failure(uri, record.role(), Dialect.MSML, invited)));
        }
        Dialog dialog = invited.dialog();
        recorderDialog.established(dialog);
        connection.toTag(MsmlMessages.toTag(invited.response()));
        String sdpAnswer = MsmlMessages.hasSdp(invited.response()) ? MsmlMessages.textOf(invited.response()) : null;
        if (recorderDialog.state() == RecorderDialog.State.ENDED) {
            forget(recorderDialog);
            return DialogOutcomes.done(each(connection, record -> result(uri, record.role(), DestinationStatus.ENDED,
                    invited.status(), "the media server hung up right after answering", null)));
        }
        if (connection.toTag() == null || connection.toTag().isBlank()) {
            forget(recorderDialog);
            recorderDialog.end();
            userAgent.hangUp(dialog);
            return DialogOutcomes.done(each(connection, record -> result(uri, record.role(), DestinationStatus.REJECTED,
                    invited.status(), "the media server's answer has no To-tag to name the connection by", null)));
        }
        String dialogstart = MsmlBodies.dialogstart(connection.toTag(),
                connection.records().stream().map(r -> new MsmlBodies.Record(r.id(), r.dest())).toList(),
                connection.settings().recordFormat(), connection.settings().maxTime(), spec,
                connection.settings().extensionNamespace());
        return info(recorderDialog, dialogstart).thenApply(outcome -> {
            Optional<MsmlBodies.Result> result = MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response()));
            if (outcome.isSuccess() && result.map(MsmlBodies.Result::ok).orElse(false)) {
                if (recorderDialog.goLive(dialog)) {
                    LOG.debug("Recording {}: MSML dialog {} started on {} ({})", spec.recordingId(),
                            MsmlBodies.dialogId(connection.toTag()), uri, records(connection));
                    return each(connection, record -> new DestinationResult(uri, record.role(), Dialect.MSML,
                            DestinationStatus.ESTABLISHED, outcome.status(), null, sdpAnswer, 200));
                }
                forget(recorderDialog);
                return each(connection, record -> result(uri, record.role(), DestinationStatus.ENDED, outcome.status(),
                        "the media server ended the dialog right after starting it", 200));
            }
            forget(recorderDialog);
            if (recorderDialog.end() != RecorderDialog.State.ENDED && DialogOutcomes.worthHangingUp(outcome)) {
                userAgent.hangUp(dialog);
            }
            return each(connection, record -> infoFailure(uri, record.role(), outcome, result));
        });
    }

    // --- PAUSE / RESUME ----------------------------------------------------------------------

    private List<CompletableFuture<DestinationResult>> signal(RecordingSessionSpec spec,
                                                              List<RecorderDestination> destinations,
                                                              MsmlSettings settings, String event) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        Map<RecorderDialog<MsmlConnection>, List<Integer>> groups = byDialog(spec, destinations, results, false);
        groups.forEach((recorderDialog, members) -> {
            MsmlConnection connection = recorderDialog.session();
            List<MsmlConnection.Record> records = members.stream()
                    .map(i -> connection.record(key(spec, destinations.get(i)), destinations.get(i).role()).orElseThrow())
                    .toList();
            String body = MsmlBodies.send(event, records.stream()
                    .map(r -> MsmlBodies.recordTarget(connection.toTag(), r.id())).toList());
            CompletableFuture<SipOutcome> sent = info(recorderDialog, body);
            for (int i = 0; i < members.size(); i++) {
                MsmlConnection.Record record = records.get(i);
                String uri = record.key().uri();
                results.set(members.get(i), sent.thenApply(outcome -> {
                    Optional<MsmlBodies.Result> result = MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response()));
                    if (outcome.isSuccess() && result.map(MsmlBodies.Result::ok).orElse(false)) {
                        return new DestinationResult(uri, record.role(), Dialect.MSML, DestinationStatus.ESTABLISHED,
                                outcome.status(), null, null, 200);
                    }
                    endIfDialogGone(recorderDialog, outcome, "INFO (" + event + ")");
                    return infoFailure(uri, record.role(), outcome, result);
                }));
            }
            sent.thenAccept(outcome -> {
                if (!outcome.isSuccess() || MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response()))
                        .map(r -> !r.ok()).orElse(true)) {
                    LOG.warn("Recording {}: the media server {} did not {} ({})", spec.recordingId(),
                            recorderDialog.key().uri(), event, describe(outcome));
                }
            });
        });
        return results;
    }

    // --- STOP --------------------------------------------------------------------------------

    private List<CompletableFuture<DestinationResult>> stop(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                            MsmlSettings settings) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        Map<RecorderDialog<MsmlConnection>, List<Integer>> groups = byDialog(spec, destinations, results, true);
        groups.forEach((recorderDialog, members) -> {
            MsmlConnection connection = recorderDialog.session();
            List<MsmlConnection.Record> records = members.stream()
                    .map(i -> connection.record(key(spec, destinations.get(i)), destinations.get(i).role()).orElseThrow())
                    .toList();
            boolean wholeDialog = connection.liveRecords().stream().allMatch(records::contains);
            CompletableFuture<List<DestinationResult>> stopped = wholeDialog
                    ? endDialog(spec, recorderDialog, records, settings)
                    : terminate(spec, recorderDialog, records);
            for (int i = 0; i < members.size(); i++) {
                int member = i;
                results.set(members.get(i), stopped.thenApply(list -> list.get(member)));
            }
        });
        return results;
    }

    /** The last live records of the dialog: {@code <dialogend>}, then BYE. */
    private CompletableFuture<List<DestinationResult>> endDialog(RecordingSessionSpec spec,
                                                                 RecorderDialog<MsmlConnection> recorderDialog,
                                                                 List<MsmlConnection.Record> records, MsmlSettings settings) {
        MsmlConnection connection = recorderDialog.session();
        connection.ending(true);
        records.forEach(record -> record.live().set(false));
        forget(recorderDialog);
        return info(recorderDialog, MsmlBodies.dialogend(connection.toTag())).thenCompose(ended -> {
            Optional<MsmlBodies.Result> result = MsmlBodies.resultOf(MsmlMessages.textOf(ended.response()));
            String dialogendProblem = ended.isSuccess() && result.map(MsmlBodies.Result::ok).orElse(false) ? null
                    : "dialogend: " + (ended.isSuccess() ? result.map(MsmlBodies.Result::describe)
                            .orElse("no MSML result in the answer") : ended.describe());
            Integer resultCode = result.map(MsmlBodies.Result::code).orElse(null);
            if (recorderDialog.end() != RecorderDialog.State.LIVE) {
                return DialogOutcomes.done(each(records, record -> result(record.key().uri(), record.role(),
                        DestinationStatus.ENDED, ended.status(), join(dialogendProblem,
                                "the media server had already ended the dialog"), resultCode)));
            }
            if (!DialogOutcomes.worthHangingUp(ended)) {
                return DialogOutcomes.done(each(records, record -> result(record.key().uri(), record.role(),
                        DestinationStatus.ENDED, ended.status(), dialogendProblem, resultCode)));
            }
            Request bye;
            try {
                bye = recorderDialog.dialog().createRequest(Request.BYE);
            } catch (SipException e) {
                return DialogOutcomes.done(each(records, record -> result(record.key().uri(), record.role(),
                        DestinationStatus.ENDED, null, join(dialogendProblem, "could not send BYE: " + e.getMessage()),
                        resultCode)));
            }
            return userAgent.sendInDialog(recorderDialog.dialog(), bye, settings.timeoutMs()).thenApply(byed -> {
                LOG.debug("Recording {}: MSML dialog with {} stopped ({}; BYE {})", spec.recordingId(),
                        recorderDialog.key().uri(), describe(ended), byed.describe());
                return each(records, record -> result(record.key().uri(), record.role(), DestinationStatus.ENDED,
                        byed.status(), join(dialogendProblem, byed.isSuccess() ? null : "BYE: " + byed.describe()),
                        resultCode));
            });
        });
    }

    /** Some records of a dialog that keeps others: {@code <send event="terminate">} to each. */
    private CompletableFuture<List<DestinationResult>> terminate(RecordingSessionSpec spec,
                                                                 RecorderDialog<MsmlConnection> recorderDialog,
                                                                 List<MsmlConnection.Record> records) {
        MsmlConnection connection = recorderDialog.session();
        records.forEach(record -> {
            record.live().set(false);
            dialogs.remove(record.key(), recorderDialog);
        });
        String body = MsmlBodies.send("terminate", records.stream()
                .map(r -> MsmlBodies.recordTarget(connection.toTag(), r.id())).toList());
        return info(recorderDialog, body).thenApply(outcome -> {
            Optional<MsmlBodies.Result> result = MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response()));
            boolean ok = outcome.isSuccess() && result.map(MsmlBodies.Result::ok).orElse(false);
            LOG.debug("Recording {}: records {} on {} stopped ({})", spec.recordingId(),
                    records.stream().map(MsmlConnection.Record::id).toList(), recorderDialog.key().uri(), describe(outcome));
            endIfDialogGone(recorderDialog, outcome, "INFO (terminate)");
            return each(records, record -> result(record.key().uri(), record.role(), DestinationStatus.ENDED,
                    outcome.status(), ok ? null : "terminate: " + (outcome.isSuccess() ? result
                            .map(MsmlBodies.Result::describe).orElse("no MSML result in the answer") : outcome.describe()),
                    result.map(MsmlBodies.Result::code).orElse(null)));
        });
    }

    /**
     * Groups the destinations by the live dialog that serves them; those without one get their
     * result at once (PAUSE/RESUME: REJECTED; STOP: ENDED "already ended", or REJECTED while the
     * dialog is still being set up).
     */
    private Map<RecorderDialog<MsmlConnection>, List<Integer>> byDialog(RecordingSessionSpec spec,
                                                                        List<RecorderDestination> destinations,
                                                                        List<CompletableFuture<DestinationResult>> results,
                                                                        boolean stopping) {
        Map<RecorderDialog<MsmlConnection>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < destinations.size(); i++) {
            RecorderDestination destination = destinations.get(i);
            RecorderDialog.Key key = key(spec, destination);
            RecorderDialog<MsmlConnection> recorderDialog = dialogs.get(key);
            Optional<MsmlConnection.Record> record = recorderDialog == null ? Optional.empty()
                    : recorderDialog.session().record(key, destination.role());
            boolean live = recorderDialog != null && recorderDialog.isLive() && !recorderDialog.session().ending()
                    && record.map(r -> r.live().get()).orElse(false);
            if (live) {
                groups.computeIfAbsent(recorderDialog, ignored -> new ArrayList<>()).add(i);
            } else if (stopping && recorderDialog != null && recorderDialog.state() == RecorderDialog.State.SETTING_UP) {
                results.set(i, DialogOutcomes.done(result(key.uri(), destination.role(), DestinationStatus.REJECTED, null,
                        "the MSML dialog with " + key.uri() + " is still being set up", null)));
            } else if (stopping) {
                results.set(i, DialogOutcomes.done(result(key.uri(), destination.role(), DestinationStatus.ENDED, null,
                        noLiveDialog(key) + " (already ended)", null)));
            } else {
                results.set(i, DialogOutcomes.done(result(key.uri(), destination.role(), DestinationStatus.REJECTED, null,
                        noLiveDialog(key), null)));
            }
        }
        return groups;
    }

    // --- what the media server sends ---------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public void onRequest(RecorderDialog<?> owner, RequestEvent event, ServerTransaction transaction)
            throws ParseException {
        RecorderDialog<MsmlConnection> recorderDialog = (RecorderDialog<MsmlConnection>) owner;
        MsmlConnection connection = recorderDialog.session();
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.BYE -> {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
                mediaServerHungUp(recorderDialog, request);
            }
            case Request.INFO -> {
                userAgent.answer(transaction, userAgent.response(Response.OK, request));
                MsmlBodies.eventOf(MsmlMessages.textOf(request))
                        .ifPresent(msmlEvent -> onEvent(recorderDialog, event.getDialog(), msmlEvent));
            }
            case Request.INVITE -> userAgent.answer(transaction, messages.ok(request, connection.settings(), connection.sdp()));
            case Request.UPDATE -> userAgent.answer(transaction, messages.ok(request, connection.settings(),
                    MsmlMessages.hasSdp(request) ? connection.sdp() : null));
            case Request.MESSAGE, Request.NOTIFY -> userAgent.answer(transaction, userAgent.response(Response.OK, request));
            default -> userAgent.answer(transaction, userAgent.response(Response.METHOD_NOT_ALLOWED, request));
        }
    }

    /** An event from the media server: only a dialog exit we did not ask for matters. */
    private void onEvent(RecorderDialog<MsmlConnection> recorderDialog, Dialog dialog, MsmlBodies.Event event) {
        MsmlConnection connection = recorderDialog.session();
        String ours = connection.toTag() == null ? null : MsmlBodies.dialogId(connection.toTag());
        boolean ourDialog = event.id() == null || event.id().isBlank()
                || (ours != null ? event.id().equals(ours) : event.id().endsWith("/dialog:" + MsmlBodies.DIALOG_NAME));
        if (!MsmlBodies.DIALOG_EXIT.equals(event.name()) || !ourDialog || connection.ending()) {
            LOG.debug("Recording {}: media server event {} on {} ({})", recorderDialog.key().recordingId(), event.name(),
                    event.id(), connection.ending() ? "expected" : "nothing to do");
            return;
        }
        forget(recorderDialog);
        RecorderDialog.State was = recorderDialog.end();
        if (was == RecorderDialog.State.ENDED) {
            return;
        }
        userAgent.hangUp(dialog != null ? dialog : recorderDialog.dialog());
        String details = event.values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String reason = MsmlBodies.DIALOG_EXIT + (details.isEmpty() ? "" : " (" + details + ")");
        LOG.warn("Recording {}: the media server {} ended the MSML dialog on its own: {}",
                recorderDialog.key().recordingId(), recorderDialog.key().uri(), reason);
        if (was == RecorderDialog.State.LIVE) {
            ended(recorderDialog, null, reason);
        }
    }

    private void mediaServerHungUp(RecorderDialog<MsmlConnection> recorderDialog, Request bye) {
        forget(recorderDialog);
        if (recorderDialog.end() == RecorderDialog.State.LIVE && !recorderDialog.session().ending()) {
            String reason = DialogOutcomes.byeReason(bye);
            LOG.info("Recording {}: media server {}: {}", recorderDialog.key().recordingId(), recorderDialog.key().uri(),
                    reason);
            ended(recorderDialog, DialogOutcomes.byeCause(bye), reason);
        }
    }

    /** No answer, 408 or 481 to an INFO: the dialog is gone (RFC 3261 §12.2.1.2). */
    private void endIfDialogGone(RecorderDialog<MsmlConnection> recorderDialog, SipOutcome outcome, String what) {
        if (!DialogOutcomes.dialogGone(outcome)) {
            return;
        }
        forget(recorderDialog);
        if (recorderDialog.end() == RecorderDialog.State.LIVE) {
            if (DialogOutcomes.worthHangingUp(outcome)) {
                userAgent.hangUp(recorderDialog.dialog());
            }
            LOG.warn("Recording {}: MSML dialog with {} ended: {} to the {}", recorderDialog.key().recordingId(),
                    recorderDialog.key().uri(), outcome.describe(), what);
            ended(recorderDialog, outcome.status(), "recorder stopped answering: " + outcome.describe() + " to the " + what);
        }
    }

    /** One event per record still live: each is a destination of the recording that ended. */
    private void ended(RecorderDialog<MsmlConnection> recorderDialog, Integer sipStatus, String reason) {
        for (MsmlConnection.Record record : recorderDialog.session().records()) {
            if (record.live().getAndSet(false)) {
                events.accept(new RecorderEvent(record.key().recordingId(), record.key().uri(), record.role(),
                        sipStatus, reason));
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private CompletableFuture<SipOutcome> info(RecorderDialog<MsmlConnection> recorderDialog, String body) {
        MsmlConnection connection = recorderDialog.session();
        Request info;
        try {
            info = messages.info(recorderDialog.dialog(), connection.settings(), body);
        } catch (SipException | ParseException | RuntimeException e) {
            return CompletableFuture.completedFuture(SipOutcome.notSent("could not build the INFO: " + e.getMessage()));
        }
        return userAgent.sendInDialog(recorderDialog.dialog(), info, connection.settings().timeoutMs());
    }

    /** An INFO that did not get a 2xx with result 200. */
    private static DestinationResult infoFailure(String uri, DestinationRole role, SipOutcome outcome,
                                                 Optional<MsmlBodies.Result> result) {
        Integer code = result.map(MsmlBodies.Result::code).orElse(null);
        if (outcome.kind() != SipOutcome.Kind.ANSWERED) {
            return DialogOutcomes.failure(uri, role, Dialect.MSML, outcome);
        }
        String detail = outcome.isSuccess()
                ? result.map(MsmlBodies.Result::describe).orElse("no MSML result in the media server's answer")
                : outcome.detail() + result.map(r -> " (" + r.describe() + ")").orElse("");
        return result(uri, role, DestinationStatus.REJECTED, outcome.status(), detail, code);
    }

    private void forget(RecorderDialog<MsmlConnection> recorderDialog) {
        recorderDialog.session().records().forEach(record -> dialogs.remove(record.key(), recorderDialog));
    }

    private static RecorderDialog.Key key(RecordingSessionSpec spec, RecorderDestination destination) {
        return new RecorderDialog.Key(spec.recordingId(), destination.uri());
    }

    private static List<DestinationResult> each(MsmlConnection connection,
                                                 java.util.function.Function<MsmlConnection.Record, DestinationResult> result) {
        return each(connection.records(), result);
    }

    private static List<DestinationResult> each(List<MsmlConnection.Record> records,
                                                 java.util.function.Function<MsmlConnection.Record, DestinationResult> result) {
        return records.stream().map(result).toList();
    }

    private static DestinationResult result(String uri, DestinationRole role, DestinationStatus status, Integer sipStatus,
                                            String detail, Integer resultCode) {
        return new DestinationResult(uri, role, Dialect.MSML, status, sipStatus, detail, null, resultCode);
    }

    private static String describe(SipOutcome outcome) {
        if (!outcome.isSuccess()) {
            return outcome.describe();
        }
        return MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response())).map(MsmlBodies.Result::describe)
                .orElse(outcome.describe() + ", no MSML result");
    }

    private static String records(MsmlConnection connection) {
        return connection.records().stream().map(r -> r.id() + " → " + r.dest()).collect(Collectors.joining(", "));
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    private static String noLiveDialog(RecorderDialog.Key key) {
        return "no live MSML recording dialog for recording " + key.recordingId() + " with " + key.uri();
    }
}
