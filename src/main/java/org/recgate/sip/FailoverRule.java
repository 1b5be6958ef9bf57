package org.recgate.sip;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which failed setups move on to the next recorder candidate (docs/recording.md §3). No answer in
 * time and a request that could not be sent always do; a final SIP answer does when its status
 * matches the rule: a comma list of codes ({@code 408}) and classes ({@code 5xx}). The default
 * {@value #DEFAULT} leaves every other 4xx final: a recorder that says no to this recording would
 * say no again.
 */
public final class FailoverRule {

    public static final String DEFAULT = "408,5xx,6xx";

    private final String text;
    private final Set<Integer> codes = new HashSet<>();
    private final Set<Integer> classes = new HashSet<>();

    private FailoverRule(String text) {
        this.text = text;
    }

    /** Parses {@code "408,5xx,6xx"}; an empty rule fails over on timeouts and transport errors only. */
    public static FailoverRule parse(String rule) {
        String text = rule == null ? "" : rule.trim();
        FailoverRule parsed = new FailoverRule(text);
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(entry -> {
            String lower = entry.toLowerCase(Locale.ROOT);
            if (lower.matches("[1-6]\\d\\d")) {
                parsed.codes.add(Integer.parseInt(lower));
            } else if (lower.matches("[1-6]xx")) {
                parsed.classes.add(lower.charAt(0) - '0');
            } else {
                throw new IllegalArgumentException("failoverOnStatus: '" + entry
                        + "' is neither a SIP status (408) nor a class (5xx)");
            }
        });
        return parsed;
    }

    /** Whether a final answer with this status moves on to the next candidate. */
    public boolean triesNextAfter(int sipStatus) {
        return codes.contains(sipStatus) || classes.contains(sipStatus / 100);
    }

    /** Whether this failed setup moves on to the next candidate. */
    public boolean triesNextAfter(DestinationResult result) {
        return switch (result.status()) {
            case TIMEOUT, UNREACHABLE -> true;
            case REJECTED -> result.sipStatus() != null && triesNextAfter(result.sipStatus());
            case ESTABLISHED, ENDED -> false;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
