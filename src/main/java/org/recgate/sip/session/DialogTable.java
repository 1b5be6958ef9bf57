package org.recgate.sip.session;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The dialogs of one dialect that are being set up or are live, by the (recording id, recorder
 * URI) of the destination they serve. A SIPREC dialog serves one destination (a recording
 * session is one SIP dialog, RFC 7866 §6.1.1); an MSML dialog may serve a primary and its
 * duplicate on one media server, which then share its key (two records, one URI).
 *
 * @param <S> what the dialect keeps about the session
 */
public final class DialogTable<S> {

    private final Map<RecorderDialog.Key, RecorderDialog<S>> dialogs = new ConcurrentHashMap<>();

    /** Takes {@code key} for a new dialog: false when the recording already has a dialog with that URI. */
    public boolean claim(RecorderDialog.Key key, RecorderDialog<S> recorderDialog) {
        return dialogs.putIfAbsent(key, recorderDialog) == null;
    }

    /** The dialog serving the destination, or null. */
    public RecorderDialog<S> get(RecorderDialog.Key key) {
        return dialogs.get(key);
    }

    /** Forgets {@code key}, if it still names this dialog (a newer one may have taken it). */
    public void forget(RecorderDialog.Key key, RecorderDialog<S> recorderDialog) {
        dialogs.remove(key, recorderDialog);
    }

    /**
     * Component stop: ends every dialog and hangs up each live one, once, without waiting for the
     * answers, so no recorder keeps recording for a gateway that is gone.
     */
    public void hangUpAll(SipUserAgent userAgent) {
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
