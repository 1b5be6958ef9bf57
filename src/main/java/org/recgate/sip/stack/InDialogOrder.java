package org.recgate.sip.stack;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.Dialog;

/**
 * Requests in one dialog go one at a time: each is sent once the one before has its final answer
 * (and a re-INVITE its ACK) or was given up. Two in flight at once could overtake each other (a
 * request with a lower CSeq than one already received is refused, RFC 3261 §12.2.2), and a
 * re-INVITE or UPDATE that meets another offer in progress gets 491 (RFC 3261 §14.1-14.2, RFC 3311
 * §5.2).
 */
final class InDialogOrder {

    /** Per dialog, the answer of its last request handed to {@link #after}: the next one waits for it. */
    private final Map<Dialog, CompletableFuture<SipOutcome>> last = new ConcurrentHashMap<>();

    /**
     * Makes {@code answer} the dialog's last request and runs {@code send} when the one before it
     * has its answer: at once when there is none.
     */
    void after(Dialog dialog, CompletableFuture<SipOutcome> answer, Runnable send) {
        CompletableFuture<SipOutcome> previous = last.put(dialog, answer);
        answer.whenComplete((outcome, error) -> last.remove(dialog, answer));
        if (previous == null) {
            send.run();
        } else {
            previous.whenComplete((outcome, error) -> send.run());
        }
    }
}
