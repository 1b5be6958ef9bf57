package org.recgate.sip.session;

import java.util.concurrent.atomic.AtomicReference;
import javax.sip.Dialog;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.Dialect;

/**
 * One SIP dialog with one recorder, of either dialect: the application data of its JAIN-SIP
 * dialog, so a request the recorder sends in it finds its dialect and its session. Known by
 * (recording id, recorder URI) of the destination it serves; an MSML dialog that serves a primary
 * and its duplicate at once is known by both (its {@link #key()} is the first). Its life is
 * SETTING_UP → LIVE → ENDED; whoever moves it to ENDED first (our STOP, the recorder's BYE, a
 * dialog that stopped answering, an MSML dialog exit) reports the end, once.
 *
 * @param <S> what the dialect keeps about the session (SIPREC: the last accepted offer; MSML: the
 *            connection and its records)
 */
public final class RecorderDialog<S> {

    /** How a destination's dialog is found: the recording and the URI that answered. */
    public record Key(String recordingId, String uri) {
    }

    public enum State { SETTING_UP, LIVE, ENDED }

    private final Key key;
    private final DestinationRole role;
    private final Dialect dialect;
    private final AtomicReference<State> state = new AtomicReference<>(State.SETTING_UP);
    private volatile Dialog dialog;
    private volatile S session;

    public RecorderDialog(Key key, DestinationRole role, Dialect dialect, S session) {
        this.key = key;
        this.role = role;
        this.dialect = dialect;
        this.session = session;
    }

    public Key key() {
        return key;
    }

    public DestinationRole role() {
        return role;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Dialog dialog() {
        return dialog;
    }

    public S session() {
        return session;
    }

    /** The recorder accepted a change: it is the session's state from now on. */
    public void accepted(S changed) {
        this.session = changed;
    }

    /** The dialog exists (the recorder answered 2xx), though the session may not be live yet (MSML). */
    public void established(Dialog established) {
        this.dialog = established;
    }

    /** Setup succeeded: false when the recorder already ended it during setup. */
    public boolean goLive(Dialog established) {
        this.dialog = established;
        return state.compareAndSet(State.SETTING_UP, State.LIVE);
    }

    public State state() {
        return state.get();
    }

    public boolean isLive() {
        return state() == State.LIVE;
    }

    /** Ends the dialog; returns the state it was in (ENDED when someone else ended it first). */
    public State end() {
        return state.getAndSet(State.ENDED);
    }
}
