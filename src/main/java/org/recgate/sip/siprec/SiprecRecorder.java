package org.recgate.sip.siprec;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.liveness.RecorderLiveness;
import org.recgate.sip.session.DialectSettings;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.DialogRequests;
import org.recgate.sip.session.DialogTable;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.RecorderDialect;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives recording sessions on SIPREC recorders (RFC 7866): one SIP dialog per recording
 * destination, known by (recording id, recorder URI).
 * <ul>
 * <li>START: INVITE to each candidate in turn until one answers 2xx, or a failure the
 *     {@link SiprecSettings#failover() failover rule} calls final.</li>
 * <li>PAUSE / RESUME: re-INVITE with every m-line {@code a=inactive} / {@code a=sendonly}.</li>
 * <li>UPDATE: re-INVITE with the same media and a complete metadata snapshot of the new params.</li>
 * <li>STOP: BYE; with params the recorder has not had, an UPDATE with a complete metadata snapshot first.</li>
 * <li>RESTORE: {@link SiprecRestore} takes over a session another process set up, or starts a new one.</li>
 * </ul>
 * Every ESTABLISHED result carries the dialog's state as of its accepted offer ({@link SiprecDialogState}).
 * What the recorder sends in a dialog is answered by {@link SiprecRecorderRequests}: BYE ends
 * that destination (a {@link RecorderEvent}), a {@code <requestsnapshot>} gets a complete
 * snapshot in an UPDATE. When an in-dialog request gets no answer, 408 or 481, the dialog is gone
 * (RFC 3261 §12.2.1.2): the destination ends and a {@link RecorderEvent} says so
 * ({@link DialogTable#endIfGone}).
 * <p>
 * Every future returned here completes normally, with the destination's result.
 */
public final class SiprecRecorder implements RecorderDialect {

    private static final Logger LOG = LoggerFactory.getLogger(SiprecRecorder.class);

    private final SipUserAgent userAgent;
    private final SiprecMessages messages;
    private final DialogTable<SiprecSession> dialogs;
    private final SiprecRecorderRequests recorderRequests;
    private final SiprecRestore restore;

    /**
     * @param events where recorder-initiated endings go; called on the SIP message thread or the
     *               worker, it must not block
     */
    public SiprecRecorder(SipUserAgent userAgent, Consumer<RecorderEvent> events) {
        this(userAgent, events, null);
    }

    /**
     * @param liveness the recorders' liveness, or null (no failover): a session whose dialog stopped
     *                 answering is reported as its recorder failing ({@code RECORDER_DOWN}, to fail over),
     *                 and a RESTORE of a session on a DOWN recorder sets up the new session at once,
     *                 without a takeover re-INVITE that would wait for a dead recorder
     */
    public SiprecRecorder(SipUserAgent userAgent, Consumer<RecorderEvent> events, RecorderLiveness liveness) {
        this.userAgent = userAgent;
        this.messages = new SiprecMessages(userAgent);
        SiprecEndings endings = new SiprecEndings(events, liveness);
        this.dialogs = endings.table(userAgent);
        this.recorderRequests = new SiprecRecorderRequests(userAgent, messages, dialogs);
        this.restore = new SiprecRestore(userAgent, messages, dialogs, this::start, endings::lostSessions);
    }

    @Override
    public List<CompletableFuture<DestinationResult>> perform(RecorderOperation operation, RecordingSessionSpec spec,
                                                              List<RecorderDestination> destinations,
                                                              DialectSettings options) {
        return destinations.stream().map(destination -> perform(operation, spec, destination, (SiprecSettings) options))
                .toList();
    }

    /** Does the operation on one destination. */
    public CompletableFuture<DestinationResult> perform(RecorderOperation operation, RecordingSessionSpec spec,
                                                        RecorderDestination destination, SiprecSettings settings) {
        return switch (operation) {
            case START -> start(spec, destination, settings, MediaDirection.SENDONLY);
            case PAUSE -> reoffer(spec, destination, settings, s -> s.next(spec, MediaDirection.INACTIVE));
            case RESUME -> reoffer(spec, destination, settings, s -> s.next(spec, MediaDirection.SENDONLY));
            case UPDATE -> reoffer(spec, destination, settings, s -> s.next(spec, s.direction()));
            case STOP -> stop(spec, destination, settings);
            case RESTORE -> restore.restore(spec, destination, settings);
        };
    }

    /** A new session with the first candidate that takes it, offering {@code direction}. */
    private CompletableFuture<DestinationResult> start(RecordingSessionSpec spec, RecorderDestination destination,
                                                       SiprecSettings settings, MediaDirection direction) {
        return start(spec, destination, settings, direction, new MetadataIds());
    }

    /**
     * The same with the metadata object ids given: a session that replaces a lost one keeps its ids,
     * so its {@code <session session_id>} names the same communication session (RFC 7865 §6.3).
     */
    private CompletableFuture<DestinationResult> start(RecordingSessionSpec spec, RecorderDestination destination,
                                                       SiprecSettings settings, MediaDirection direction, MetadataIds ids) {
        return DialogOutcomes.withFailover(spec.recordingId(), destination.candidates(), settings.failover(),
                uri -> invite(spec, uri, destination.role(), settings, direction, ids), result -> result);
    }

    @Override
    @SuppressWarnings("unchecked") // only the dialect that made a dialog is asked (RecorderDialects)
    public boolean abandon(RecorderDialog<?> recorderDialog) {
        return dialogs.abandon((RecorderDialog<SiprecSession>) recorderDialog);
    }

    @Override
    public void hangUpAll() {
        dialogs.hangUpAll();
    }

    private CompletableFuture<DestinationResult> invite(RecordingSessionSpec spec, String uri, DestinationRole role,
                                                        SiprecSettings settings, MediaDirection direction, MetadataIds ids) {
        RecorderDialog.Key key = new RecorderDialog.Key(spec.recordingId(), uri);
        RecorderDialog<SiprecSession> recorderDialog = new RecorderDialog<>(key, role, Dialect.SIPREC,
                SiprecSession.start(spec, settings, direction, ids));
        if (!dialogs.claim(recorderDialog)) {
            return DialogOutcomes.done(result(key, role, DestinationStatus.REJECTED, null,
                    "recording " + key.recordingId() + " already has a dialog with " + uri));
        }
        Request invite;
        try {
            SipURI target = userAgent.parseSipUri(uri);
            target.removeParameter(Dialect.URI_PARAMETER);
            invite = messages.invite(target, recorderDialog.session());
        } catch (ParseException | IllegalArgumentException e) {
            dialogs.forget(recorderDialog);
            return DialogOutcomes.done(result(key, role, DestinationStatus.UNREACHABLE, null, "bad recorder URI: " + e.getMessage()));
        }
        return userAgent.sendInitial(invite, recorderDialog, settings.timeoutMs())
                .thenApply(outcome -> setUp(recorderDialog, outcome));
    }

    private DestinationResult setUp(RecorderDialog<SiprecSession> recorderDialog, SipOutcome outcome) {
        RecorderDialog.Key key = recorderDialog.key();
        if (outcome.isSuccess() && recorderDialog.goLive(outcome.dialog())) {
            LOG.debug("Recording {}: recording session established with {}", key.recordingId(), key.uri());
            return established(recorderDialog, outcome, userAgent.transport());
        }
        dialogs.forget(recorderDialog);
        if (outcome.isSuccess()) {
            return result(key, recorderDialog.role(), DestinationStatus.ENDED, outcome.status(),
                    "the recorder hung up right after answering");
        }
        return DialogOutcomes.failure(key.uri(), recorderDialog.role(), Dialect.SIPREC, outcome);
    }

    private CompletableFuture<DestinationResult> reoffer(RecordingSessionSpec spec, RecorderDestination destination,
                                                         SiprecSettings settings, UnaryOperator<SiprecSession> change) {
        RecorderDialog.Key key = new RecorderDialog.Key(spec.recordingId(), destination.uri());
        RecorderDialog<SiprecSession> recorderDialog = dialogs.get(key);
        if (recorderDialog == null || !recorderDialog.isLive()) {
            return DialogOutcomes.done(result(key, destination.role(), DestinationStatus.REJECTED, null, noLiveDialog(key)));
        }
        SiprecSession offer = change.apply(recorderDialog.session());
        Request reinvite;
        try {
            reinvite = messages.reinvite(recorderDialog.dialog(), offer);
        } catch (SipException | ParseException e) {
            return DialogOutcomes.done(result(key, recorderDialog.role(), DestinationStatus.UNREACHABLE, null,
                    "could not build the re-INVITE: " + e.getMessage()));
        }
        // The offer becomes the session's state on the 2xx, before our ACK: a recorder that asks
        // for a snapshot (or re-INVITEs without SDP) right after the ACK gets this offer's metadata.
        Consumer<SipOutcome> acceptOnSuccess = answer -> {
            if (answer.isSuccess()) {
                recorderDialog.accepted(offer);
            }
        };
        return userAgent.sendInDialog(recorderDialog.dialog(), () -> reinvite, settings.timeoutMs(), acceptOnSuccess)
                .thenApply(outcome -> reofferResult(recorderDialog, outcome));
    }

    private DestinationResult reofferResult(RecorderDialog<SiprecSession> recorderDialog, SipOutcome outcome) {
        RecorderDialog.Key key = recorderDialog.key();
        if (outcome.isSuccess()) {
            return established(recorderDialog, outcome, userAgent.transport());
        }
        dialogs.endIfGone(recorderDialog, outcome, "re-INVITE");
        return DialogOutcomes.failure(key.uri(), recorderDialog.role(), Dialect.SIPREC, outcome);
    }

    private CompletableFuture<DestinationResult> stop(RecordingSessionSpec spec, RecorderDestination destination,
                                                      SiprecSettings settings) {
        RecorderDialog.Key key = new RecorderDialog.Key(spec.recordingId(), destination.uri());
        RecorderDialog<SiprecSession> recorderDialog = dialogs.get(key);
        if (recorderDialog != null && recorderDialog.state() == RecorderDialog.State.SETTING_UP) {
            return DialogOutcomes.done(result(key, destination.role(), DestinationStatus.REJECTED, null,
                    "the recording session with " + key.uri() + " is still being set up"));
        }
        if (recorderDialog == null || recorderDialog.end() != RecorderDialog.State.LIVE) {
            return DialogOutcomes.done(result(key, destination.role(), DestinationStatus.ENDED, null,
                    noLiveDialog(key) + " (already ended)"));
        }
        dialogs.forget(recorderDialog);
        Dialog dialog = recorderDialog.dialog();
        Request bye;
        try {
            bye = dialog.createRequest(Request.BYE);
        } catch (SipException e) {
            return DialogOutcomes.done(result(key, recorderDialog.role(), DestinationStatus.ENDED, null,
                    "could not send BYE: " + e.getMessage()));
        }
        CompletableFuture<String> paramsProblem = sendNewParams(recorderDialog, spec, settings);
        // sent after the UPDATE's answer: the user agent sends one request at a time in a dialog
        CompletableFuture<SipOutcome> byed = userAgent.sendInDialog(dialog, bye, settings.timeoutMs());
        return paramsProblem.thenCombine(byed, (problem, outcome) -> {
            LOG.debug("Recording {}: recording session with {} stopped ({})", key.recordingId(), key.uri(), outcome.describe());
            String byeProblem = outcome.isSuccess() ? null : "BYE: " + outcome.describe();
            return result(key, recorderDialog.role(), DestinationStatus.ENDED, outcome.status(),
                    problem == null ? byeProblem : byeProblem == null ? problem : problem + "; " + byeProblem);
        });
    }

    /**
     * STOP with params the recorder has not been told yet: they are metadata to deliver before the
     * end (docs/recording.md §4), so a complete snapshot of them goes in an UPDATE without SDP (RFC 7866
     * §9.1, RFC 3311) ahead of the BYE. Whatever its answer, the BYE follows: STOP always ends.
     * Completes with what went wrong with the UPDATE, or null (also when there was nothing to send).
     */
    private CompletableFuture<String> sendNewParams(RecorderDialog<SiprecSession> recorderDialog, RecordingSessionSpec spec,
                                                    SiprecSettings settings) {
        SiprecSession session = recorderDialog.session();
        if (session.spec().params().equals(spec.params())) {
            return DialogOutcomes.done(null);
        }
        SiprecSession described = session.describing(spec);
        Dialog dialog = recorderDialog.dialog();
        return userAgent.sendInDialog(dialog, () -> messages.snapshot(dialog, described), settings.timeoutMs(), ignored -> { })
                .thenApply(outcome -> {
                    if (outcome.isSuccess()) {
                        return null;
                    }
                    LOG.warn("Recording {}: recorder {} did not take the stop params: {}", recorderDialog.key().recordingId(),
                            recorderDialog.key().uri(), outcome.describe());
                    return "UPDATE with the stop params: " + outcome.describe();
                });
    }

    @Override
    public DialogRequests<SiprecSession> dialogRequests() {
        return recorderRequests;
    }

    /**
     * The 2xx to the session's offer was ACKed (the answer's future completes after the ACK):
     * ESTABLISHED, with the dialog's state as of now; without it when the stack's dialog cannot give it.
     */
    static DestinationResult established(RecorderDialog<SiprecSession> recorderDialog, SipOutcome outcome, String transport) {
        RecorderDialog.Key key = recorderDialog.key();
        String answer = SiprecMessages.sdpOf(outcome.response()).orElse(null);
        DestinationResult result = new DestinationResult(key.uri(), recorderDialog.role(), Dialect.SIPREC,
                DestinationStatus.ESTABLISHED, outcome.status(), null, answer);
        try {
            return result.withDialogState(SiprecDialogState.capture(outcome.dialog(), key.uri(), transport,
                    recorderDialog.session(), answer));
        } catch (RuntimeException e) {
            LOG.warn("Recording {}: no dialog state for the recording session with {}: {}", key.recordingId(), key.uri(),
                    e.getMessage());
            return result;
        }
    }

    private static DestinationResult result(RecorderDialog.Key key, DestinationRole role, DestinationStatus status,
                                            Integer sipStatus, String detail) {
        return DialogOutcomes.result(key.uri(), role, Dialect.SIPREC, status, sipStatus, detail);
    }

    private static String noLiveDialog(RecorderDialog.Key key) {
        return "no live recording session for recording " + key.recordingId() + " with " + key.uri();
    }
}
