package org.recgate.sip.stack;

import javax.sip.Dialog;
import javax.sip.message.Response;

/**
 * How one request sent by the {@link SipUserAgent} ended: a final answer, no final answer in
 * time, or not sent at all. Never an exception, so callers map every case to a result.
 *
 * @param kind     which of the three
 * @param response the final answer (ANSWERED only)
 * @param dialog   the dialog the answer belongs to (ANSWERED only; may be null for a non-2xx)
 * @param detail   the reason phrase, or what went wrong
 */
public record SipOutcome(Kind kind, Response response, Dialog dialog, String detail) {

    public enum Kind {
        /** A final response arrived (any status). */
        ANSWERED,
        /** No final response within the timeout. */
        TIMED_OUT,
        /** The request could not be sent (bad target, transport error, stack stopped). */
        NOT_SENT
    }

    /** The detail of a request not sent because this instance lost (or never had) the leadership lease. */
    public static final String FENCED = "not sent: this instance does not hold the leadership of its hot-standby pair"
            + " (docs/operations.md, \"High availability\", Fencing)";

    static SipOutcome answered(Response response, Dialog dialog) {
        return new SipOutcome(Kind.ANSWERED, response, dialog, response.getReasonPhrase());
    }

    static SipOutcome timedOut(String detail) {
        return new SipOutcome(Kind.TIMED_OUT, null, null, detail);
    }

    public static SipOutcome notSent(String detail) {
        return new SipOutcome(Kind.NOT_SENT, null, null, detail);
    }

    /** Not sent for want of the leadership lease ({@link #FENCED}): says nothing about the recorder. */
    public boolean isFenced() {
        return kind == Kind.NOT_SENT && FENCED.equals(detail);
    }

    /** The final status code, or null when there was no answer. */
    public Integer status() {
        return response == null ? null : response.getStatusCode();
    }

    /** A 2xx arrived. */
    public boolean isSuccess() {
        return response != null && response.getStatusCode() / 100 == 2;
    }

    /** "486 Busy Here", "no final answer within 500 ms", ... for logs and result details. */
    public String describe() {
        return response == null ? detail : response.getStatusCode() + " " + detail;
    }
}
