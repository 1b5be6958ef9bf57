package org.recgate.sip.siprec;

import java.util.concurrent.atomic.AtomicReference;
import javax.sip.Dialog;
import org.recgate.sip.DestinationRole;

/**
 * One recording session with one recorder: the SIP dialog of a recording destination, known by
 * (recording id, recorder URI). Its life is SETTING_UP → LIVE → ENDED; whoever moves it to ENDED
 * first (our STOP, the recorder's BYE, a dialog that stopped answering) reports the end, once.
 */
final class RecorderDialog {

    /** How a destination's dialog is found: the recording and the URI that answered. */
    record Key(String recordingId, String uri) {
    }

    enum State { SETTING_UP, LIVE, ENDED }

    private final Key key;
    private final DestinationRole role;
    private final AtomicReference<State> state = new AtomicReference<>(State.SETTING_UP);
    private volatile Dialog dialog;
    private volatile SiprecSession session;

    RecorderDialog(Key key, DestinationRole role, SiprecSession session) {
        this.key = key;
        this.role = role;
        this.session = session;
    }

    Key key() {
        return key;
    }

    DestinationRole role() {
        return role;
    }

    Dialog dialog() {
        return dialog;
    }

    SiprecSession session() {
        return session;
    }

    /** The recorder accepted a new offer: it is the session's state from now on. */
    void accepted(SiprecSession offer) {
        this.session = offer;
    }

    /** Setup succeeded: false when the recorder already hung up during setup. */
    boolean goLive(Dialog established) {
        this.dialog = established;
        return state.compareAndSet(State.SETTING_UP, State.LIVE);
    }

    State state() {
        return state.get();
    }

    boolean isLive() {
        return state() == State.LIVE;
    }

    /** Ends the dialog; returns the state it was in (ENDED when someone else ended it first). */
    State end() {
        return state.getAndSet(State.ENDED);
    }
}
