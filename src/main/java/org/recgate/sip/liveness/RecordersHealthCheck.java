package org.recgate.sip.liveness;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code recorders} in {@code /observe/health}: each recorder's state in the details
 * ({@code <host:port>: UP|DOWN since ..., ...}). DOWN (not ready) only when every recorder known is
 * DOWN: with one left, new recordings still go to it, so the gateway can still serve; one DOWN
 * recorder among others is shown, not failed (alert on {@code recgate_recorder_up} for that).
 */
public final class RecordersHealthCheck extends AbstractHealthCheck {

    public static final String ID = "recorders";

    private final RecorderLiveness liveness;

    public RecordersHealthCheck(RecorderLiveness liveness) {
        super("recgate", ID);
        this.liveness = liveness;
    }

    @Override
    public boolean isLiveness() {
        return false; // a recorder outage does not make the gateway itself unhealthy, only not ready
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, RecorderState> states = liveness.states();
        states.forEach((recorder, state) -> builder.detail(recorder, describe(state)));
        long down = states.values().stream().filter(state -> !state.isUp()).count();
        if (!states.isEmpty() && down == states.size()) {
            builder.message("every recorder is DOWN").down();
            return;
        }
        builder.up();
    }

    private static String describe(RecorderState state) {
        StringBuilder text = new StringBuilder(state.status().name()).append(" since ").append(state.since());
        if (state.lastRoundTrip() != null) {
            text.append(", last round trip ").append(state.lastRoundTrip().toMillis()).append(" ms");
        }
        if (state.reason() != null) {
            text.append(", ").append(state.reason());
        }
        return text.toString();
    }
}
