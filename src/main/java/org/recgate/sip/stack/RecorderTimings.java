package org.recgate.sip.stack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import org.recgate.support.Meters;

/**
 * How long recorders take to give a final answer, by SIP method and recorder, and the requests
 * that got none or a refusal (docs/operations.md, "Metrics"). The recorder label is the request
 * URI's {@code host:port}: recorders come from the allowlisted destinations and their Contacts,
 * so the label set stays as small as the recorder farm.
 */
final class RecorderTimings {

    /** Why a request to a recorder did not succeed (the {@code reason} label). */
    enum Failure {
        TIMEOUT("timeout"), UNREACHABLE("unreachable"), REJECTED("rejected");

        final String label;

        Failure(String label) {
            this.label = label;
        }
    }

    private final Meters meters;
    /**
     * The meters made so far, by name and labels: looking one up in the registry (a builder, its
     * tags, the histogram's buckets) per SIP response cost more than the recording (docs/performance.md).
     */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RecorderTimings(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    /** The label for the recorder a request goes to: its request URI's host:port. */
    static String recorderOf(Request request) {
        URI uri = request.getRequestURI();
        if (uri instanceof SipURI sip) {
            int port = sip.getPort();
            String host = SipTarget.normalHost(sip.getHost());
            String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return shown + ":" + (port > 0 ? port : "sips".equals(sip.getScheme()) ? 5061 : 5060);
        }
        return "unknown";
    }

    /**
     * A request that was sent ended. NOT_SENT is not counted here: a request abandoned because
     * the gateway stops says nothing about the recorder ({@link #unreachable} counts real failures).
     */
    void ended(PendingRequest request, SipOutcome outcome) {
        if (request.method == null) {
            return; // never sent
        }
        if (outcome.kind() == SipOutcome.Kind.ANSWERED) {
            responseTimer(request.method, request.recorder)
                    .record(System.nanoTime() - request.sentNanos, TimeUnit.NANOSECONDS);
            if (outcome.status() >= 300) {
                failed(request.recorder, Failure.REJECTED);
            }
        } else if (outcome.kind() == SipOutcome.Kind.TIMED_OUT) {
            failed(request.recorder, Failure.TIMEOUT);
        }
    }

    /** The stack could not send a request to the recorder (no route, connection refused, ...). */
    void unreachable(Request request) {
        failed(recorderOf(request), Failure.UNREACHABLE);
    }

    private Timer responseTimer(String method, String recorder) {
        return timers.computeIfAbsent(method + ' ' + recorder, ignored -> meters.timer("recgate.recorder.response",
                "Time from sending a SIP request to a recorder to its final answer, by method and recorder",
                "method", method, "recorder", recorder));
    }

    private void failed(String recorder, Failure failure) {
        counters.computeIfAbsent(failure.label + ' ' + recorder, ignored -> meters.counter("recgate.recorder.failures",
                "SIP requests to a recorder that got no final answer in time (timeout), could not be sent"
                        + " (unreachable) or were answered 3xx-6xx (rejected)",
                "recorder", recorder, "reason", failure.label)).increment();
    }
}
