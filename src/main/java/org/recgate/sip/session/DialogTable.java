package org.recgate.sip.session;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialogs of one dialect that are being set up or are live, by the (recording id, recorder
 * URI) of the destination they serve. A SIPREC dialog serves one destination (a recording
 * session is one SIP dialog, RFC 7866 §6.1.1); an MSML dialog may serve a primary and its
 * duplicate on one media server, which then share its key (two records, one URI).
 *
 * @param <S> what the dialect keeps about the session
 */
public final class DialogTable<S> {

    /** Reports the end of a dialog nobody asked to end: a {@code RecorderEvent} per destination it still served. */
    @FunctionalInterface
    public interface Ends<S> {
        /** Called on the SIP message thread or the worker: it must not block. */
        void ended(RecorderDialog<S> recorderDialog, Integer sipStatus, String reason);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DialogTable.class);

    private final SipUserAgent userAgent;
    private final String what;
    private final Ends<S> ends;
    private final Ends<S> lost;
    private final Ends<S> failing;
    private final Map<RecorderDialog.Key, RecorderDialog<S>> dialogs = new ConcurrentHashMap<>();

    /**
     * @param userAgent hangs up
     * @param what      what the dialect calls a dialog in the log, e.g. {@code recording session}
     * @param ends      reports a dialog's end that nobody asked for
     */
    public DialogTable(SipUserAgent userAgent, String what, Ends<S> ends) {
        this(userAgent, what, ends, ends, ends);
    }

    /**
     * @param lost    reports a dialog that stopped answering ({@link #endIfGone}): SIPREC reports it as its
     *                recorder failing, so the destination fails over (docs/sip-recorder.md "Mid-call failover")
     * @param failing reports a dialog the recorder ended saying it fails ({@link #failed}: a BYE with a 5xx
     *                Reason), the same way but with the recorder alive until now
     */
    public DialogTable(SipUserAgent userAgent, String what, Ends<S> ends, Ends<S> lost, Ends<S> failing) {
        this.userAgent = userAgent;
        this.what = what;
        this.ends = ends;
        this.lost = lost;
        this.failing = failing;
    }

    /** Takes the new dialog's key for it: false when the recording already has a dialog with that URI. */
    public boolean claim(RecorderDialog<S> recorderDialog) {
        return dialogs.putIfAbsent(recorderDialog.key(), recorderDialog) == null;
    }

    /** The dialog serving the destination, or null. */
    public RecorderDialog<S> get(RecorderDialog.Key key) {
        return dialogs.get(key);
    }

    /** Forgets {@code key}, if it still names this dialog (a newer one may have taken it). */
    public void forget(RecorderDialog.Key key, RecorderDialog<S> recorderDialog) {
        dialogs.remove(key, recorderDialog);
    }

    /** Forgets the dialog under its own key. */
    public void forget(RecorderDialog<S> recorderDialog) {
        forget(recorderDialog.key(), recorderDialog);
    }

    /** Reports the end of a dialog nobody asked to end (the recorder hung up, or stopped answering). */
    public void ended(RecorderDialog<S> recorderDialog, Integer sipStatus, String reason) {
        ends.ended(recorderDialog, sipStatus, reason);
    }

    /** The recorder ended the dialog saying it fails (a BYE with a 5xx {@code Reason}, RFC 3326): a failure, not a decision. */
    public void failed(RecorderDialog<S> recorderDialog, Integer sipStatus, String reason) {
        failing.ended(recorderDialog, sipStatus, reason);
    }

    /**
     * No answer, 408 or 481 to a request in the dialog: the dialog is gone (RFC 3261 §12.2.1.2).
     * It is forgotten; a live one is hung up, unless the recorder answered 481 (it no longer knows
     * the dialog), and its end is reported with the answer's status.
     *
     * @param request what went unanswered, e.g. {@code re-INVITE}
     */
    public void endIfGone(RecorderDialog<S> recorderDialog, SipOutcome outcome, String request) {
        if (!DialogOutcomes.dialogGone(outcome)) {
            return;
        }
        forget(recorderDialog);
        if (recorderDialog.end() == RecorderDialog.State.LIVE) {
            if (DialogOutcomes.worthHangingUp(outcome)) {
                userAgent.hangUp(recorderDialog.dialog());
            }
            LOG.warn("Recording {}: {} with {} ended: {} to the {}", recorderDialog.key().recordingId(), what,
                    recorderDialog.key().uri(), outcome.describe(), request);
            lost.ended(recorderDialog, outcome.status(), "recorder stopped answering: " + outcome.describe() + " to the " + request);
        }
    }

    /**
     * The dialog's recorder is DOWN (mid-call failover): the dialog is forgotten, so a new session of
     * the same recording may take its place, and hung up with a best-effort BYE (not waited for: a
     * dead recorder will not answer). True when it was live (its end is for the caller to report).
     */
    public boolean abandon(RecorderDialog<S> recorderDialog) {
        forget(recorderDialog);
        if (recorderDialog.end() != RecorderDialog.State.LIVE) {
            return false;
        }
        userAgent.hangUp(recorderDialog.dialog());
        return true;
    }

    /**
     * Component stop: ends every dialog and hangs up each live one, once, without waiting for the
     * answers, so no recorder keeps recording for a gateway that is gone.
     */
    public void hangUpAll() {
        Set<RecorderDialog<S>> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(dialogs.values());
        all.forEach(recorderDialog -> {
            if (recorderDialog.end() == RecorderDialog.State.LIVE) {
                userAgent.hangUp(recorderDialog.dialog());
            }
        });
        dialogs.clear();
    }
}
