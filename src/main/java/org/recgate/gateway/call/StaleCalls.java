package org.recgate.gateway.call;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recgate.call.CallChange;
import org.recgate.call.CallRegistry;

/**
 * The step of the route {@code calls-stale}: the calls that have had no call event for
 * {@code recgate.calls.max-idle} are ended, as a release would end them (their recordings stop, cause
 * {@code stale}). A release the gateway never heard of (it was down and the switch feed does not
 * replay events, or the switch lost the call) must not keep a recording running for ever
 * (docs/durable-state.md §12).
 */
public final class StaleCalls {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final CallRegistry calls;
    private final Duration maxIdle;

    public StaleCalls(CallRegistry calls, Duration maxIdle) {
        this.calls = calls;
        this.maxIdle = maxIdle;
    }

    /** The changes of the calls ended now: each goes on to {@code call-changed}. */
    public List<CallChange> sweep() {
        return calls.endStale(maxIdle);
    }

    /** {@code 12h}, {@code 30m}, {@code 90s}, {@code 500ms}, {@code 1d}; an {@link IllegalArgumentException} naming the setting otherwise. */
    public static Duration parse(String key, String value) {
        Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 12h, 30m or 90s, not '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
