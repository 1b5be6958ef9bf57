package org.recgate.sip.takeover;

import javax.sip.Dialog;

/**
 * How a takeover re-INVITE ended (docs/durable-state.md §4).
 *
 * @param kind        which of the three
 * @param dialog      REASSERTED: the dialog's state now, to store; otherwise the state the takeover started from
 * @param stackDialog REASSERTED: the JAIN-SIP dialog to send the dialog's later requests in; otherwise null
 * @param status      the final status code, null when none came
 * @param detail      the reason phrase, or what went wrong
 */
public record TakeoverOutcome(Kind kind, StoredDialog dialog, Dialog stackDialog, Integer status, String detail) {

    public enum Kind {
        /** 2xx, ACKed: this process owns the dialog; the recorder sends its requests here from now on. */
        REASSERTED,
        /**
         * 481, 408 or no answer at all: the recorder no longer has the dialog, or cannot be reached,
         * and the dialog is over (RFC 3261 §12.2.1.2). The caller sets up a new session.
         */
        GONE,
        /**
         * Another final answer (491 while the recorder has its own re-INVITE open, 500, a 4xx that
         * refuses the offer, ...): the dialog still exists at the recorder, which still sends to the
         * old remote target (RFC 3261 §14.1). The caller retries or sets up a new session.
         */
        REFUSED
    }

    static TakeoverOutcome reasserted(StoredDialog now, Dialog stackDialog, int status, String detail) {
        return new TakeoverOutcome(Kind.REASSERTED, now, stackDialog, status, detail);
    }

    static TakeoverOutcome gone(StoredDialog stored, Integer status, String detail) {
        return new TakeoverOutcome(Kind.GONE, stored, null, status, detail);
    }

    static TakeoverOutcome refused(StoredDialog stored, Integer status, String detail) {
        return new TakeoverOutcome(Kind.REFUSED, stored, null, status, detail);
    }

    /** "481 Call/Transaction Does Not Exist", "no final answer (SIP transaction timeout)", ... */
    public String describe() {
        return status == null ? detail : status + " " + detail;
    }
}
