package org.recgate.sip.stack;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request we sent, waiting for its final answer: the application data of its client
 * transaction. Its {@link #answer} completes once, with the first of the final answer, the
 * timeout and a failure to send; whatever comes later is not waited for any more.
 */
final class PendingRequest {

    private static final Logger LOG = LoggerFactory.getLogger(PendingRequest.class);

    private final Consumer<SipOutcome> onAnswer;
    final CompletableFuture<SipOutcome> answer = new CompletableFuture<>();
    volatile ClientTransaction transaction;

    PendingRequest(Consumer<SipOutcome> onAnswer) {
        this.onAnswer = onAnswer;
    }

    /** The final answer arrived while the request is still waited for: tells {@code onAnswer}. */
    void answered(SipOutcome outcome) {
        if (answer.isDone()) {
            return;
        }
        try {
            onAnswer.accept(outcome);
        } catch (RuntimeException e) {
            LOG.warn("Handling the answer {} failed", outcome.describe(), e);
        }
    }

    /** True when this outcome is the first (the one the caller sees). */
    boolean complete(SipOutcome outcome) {
        return answer.complete(outcome);
    }
}
