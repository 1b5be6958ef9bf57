package org.recgate.sip.stack;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.message.Request;
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
    /** Set when the request goes out, for {@link RecorderTimings}: null while it was never sent. */
    volatile String method;
    volatile String recorder;
    volatile long sentNanos;

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

    /** The request is going out now: its clock for {@link RecorderTimings} starts. */
    void sending(Request request) {
        recorder = RecorderTimings.recorderOf(request);
        sentNanos = System.nanoTime();
        method = request.getMethod();
    }

    /** True when this outcome is the first (the one the caller sees). */
    boolean complete(SipOutcome outcome) {
        return answer.complete(outcome);
    }
}
