package org.recgate.sip.siprec;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.DialogTable;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.session.TakeoverRoutes;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.recgate.sip.takeover.DialogTakeover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RESTORE of a SIPREC destination: takes over the recording session another gateway process set
 * up, from the dialog state it left ({@link SiprecDialogState}), with a target-refresh re-INVITE
 * (docs/durable-state.md §3) that carries this process's Contact, the stored offer in the stored
 * direction and the same metadata ids. On its 2xx the stored route set is put back before the ACK
 * (§5), and the dialog goes live in the {@link DialogTable} as if START had set it up, so PAUSE,
 * RESUME, STOP and the recorder's requests work on it. When the recorder no longer has the dialog
 * (481, 408, no answer) or refuses the takeover, a new session replaces it: an INVITE over the
 * destination's candidates, with the same recording id and the stored direction (recovery never
 * resumes capture, issue 15) and the same metadata ids (the same communication session, RFC 7865 §6.3), its
 * result marked {@link DestinationResult#renewed() renewed}. A stored recorder that is DOWN gets no
 * takeover: the new session is set up at once (mid-call failover, docs/sip-recorder.md).
 */
final class SiprecRestore {

    /** Sets up a new session for a destination, failover as for START. */
    @FunctionalInterface
    interface NewSession {
        CompletableFuture<DestinationResult> start(RecordingSessionSpec spec, RecorderDestination destination,
                                                   SiprecSettings settings, MediaDirection direction, MetadataIds ids);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SiprecRestore.class);

    private final SipUserAgent userAgent;
    private final SiprecMessages messages;
    private final DialogTable<SiprecSession> dialogs;
    private final NewSession newSession;
    private final Predicate<String> recorderDown;

    /**
     * @param recorderDown whether a recorder URI's recorder is DOWN, or went DOWN while this process ran
     *                     (its sessions were abandoned then): no takeover is tried there (mid-call failover, retry)
     */
    SiprecRestore(SipUserAgent userAgent, SiprecMessages messages, DialogTable<SiprecSession> dialogs,
                  NewSession newSession, Predicate<String> recorderDown) {
        this.userAgent = userAgent;
        this.messages = messages;
        this.dialogs = dialogs;
        this.newSession = newSession;
        this.recorderDown = recorderDown;
    }

    CompletableFuture<DestinationResult> restore(RecordingSessionSpec spec, RecorderDestination destination,
                                                 SiprecSettings settings) {
        if (destination.dialogState() == null) {
            return refused(destination, "no dialog state to restore the recording session with " + destination.uri() + " from");
        }
        SiprecDialogState stored;
        try {
            stored = SiprecDialogState.fromMap(destination.dialogState());
        } catch (IllegalArgumentException e) {
            return refused(destination, "cannot restore the recording session with " + destination.uri() + ": " + e.getMessage());
        }
        RecorderDialog.Key key = new RecorderDialog.Key(spec.recordingId(), stored.dialog().recorder());
        RecorderDialog<SiprecSession> recorderDialog = new RecorderDialog<>(key, destination.role(), Dialect.SIPREC,
                stored.session(spec, settings));
        if (!dialogs.claim(recorderDialog)) {
            return refused(destination, "recording " + key.recordingId() + " already has a dialog with " + key.uri());
        }
        if (recorderDown.test(key.uri()) || !destination.candidates().contains(key.uri())) {
            // mid-call failover: the recorder is DOWN (a takeover re-INVITE would only wait timeoutMs for it) or was
            // (the retry: the session was abandoned), or the candidates leave it out (it is to move to another recorder)
            return renew(recorderDialog, stored, spec, destination, settings,
                    recorderDown.test(key.uri()) ? "its recorder is or was DOWN" : "it is to move to another recorder");
        }
        DialogTakeover takeover;
        Request reInvite;
        try {
            takeover = new DialogTakeover(userAgent.contact(settings.fromUser()));
            reInvite = messages.takeover(takeover.reInvite(stored.dialog()), recorderDialog.session());
        } catch (ParseException | IllegalArgumentException e) {
            return renew(recorderDialog, stored, spec, destination, settings, "no takeover possible: " + e.getMessage());
        }
        TakeoverRoutes routes = new TakeoverRoutes(takeover, stored.dialog());
        return userAgent.sendInitial(reInvite, recorderDialog, settings.timeoutMs(), routes)
                .thenCompose(outcome -> taken(recorderDialog, stored, outcome, routes.problem(), spec, destination, settings));
    }

    private CompletableFuture<DestinationResult> taken(RecorderDialog<SiprecSession> recorderDialog, SiprecDialogState stored,
                                                       SipOutcome outcome, String routeProblem, RecordingSessionSpec spec,
                                                       RecorderDestination destination, SiprecSettings settings) {
        RecorderDialog.Key key = recorderDialog.key();
        if (outcome.isSuccess() && routeProblem != null) {
            userAgent.hangUp(outcome.dialog()); // the dialog would go past the proxies of its route set
            return renew(recorderDialog, stored, spec, destination, settings, routeProblem);
        }
        if (!outcome.isSuccess()) {
            return renew(recorderDialog, stored, spec, destination, settings, "the recorder answered the takeover "
                    + outcome.describe());
        }
        if (!recorderDialog.goLive(outcome.dialog())) {
            dialogs.forget(recorderDialog);
            return DialogOutcomes.done(DialogOutcomes.result(key.uri(), recorderDialog.role(), Dialect.SIPREC,
                    DestinationStatus.ENDED, outcome.status(), "the recorder hung up right after the takeover"));
        }
        LOG.info("Recording {}: took over the recording session with {} (Call-ID {}, {})", key.recordingId(), key.uri(),
                stored.dialog().callId(), recorderDialog.session().direction().sdpAttribute());
        return DialogOutcomes.done(SiprecRecorder.established(recorderDialog, outcome, userAgent.transport()));
    }

    /** The dialog cannot continue: a new session with the same recording id, in the stored direction. */
    private CompletableFuture<DestinationResult> renew(RecorderDialog<SiprecSession> lost, SiprecDialogState stored,
                                                       RecordingSessionSpec spec, RecorderDestination destination,
                                                       SiprecSettings settings, String why) {
        dialogs.forget(lost);
        lost.end();
        LOG.warn("Recording {}: the recording session with {} cannot be taken over ({}): setting up a new one",
                spec.recordingId(), lost.key().uri(), why);
        return newSession.start(spec, destination, settings, stored.direction(), stored.ids())
                .thenApply(result -> result.status() == DestinationStatus.ESTABLISHED ? result.asRenewed() : result);
    }

    private static CompletableFuture<DestinationResult> refused(RecorderDestination destination, String detail) {
        return DialogOutcomes.done(DialogOutcomes.result(destination.uri(), destination.role(), Dialect.SIPREC,
                DestinationStatus.REJECTED, null, detail));
    }
}
