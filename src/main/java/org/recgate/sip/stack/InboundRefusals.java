package org.recgate.sip.stack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.recgate.support.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the SIP listening point refused or dropped (docs/security.md, SIP side), counted in
 * {@code recgate_sip_requests_refused_total{reason}} and {@code recgate_sip_messages_dropped_total{reason}}
 * (docs/operations.md), and logged: one WARN line per kind and source address a minute, the
 * message's start in it (at most {@value #EXCERPT} characters, control characters as {@code \xNN}),
 * so a flood of bad datagrams cannot flood the log.
 */
public final class InboundRefusals {

    /** Why a request was answered 403 without reaching a dialog. */
    public enum Refusal {
        OUT_OF_DIALOG("out-of-dialog"), FOREIGN_SOURCE("foreign-source");

        final String label;

        Refusal(String label) {
            this.label = label;
        }
    }

    /** Why a message was dropped unparsed. */
    public enum Drop {
        MALFORMED("malformed"), OVERSIZED("oversized");

        final String label;

        Drop(String label) {
            this.label = label;
        }
    }

    static final int EXCERPT = 120;
    private static final Logger LOG = LoggerFactory.getLogger(InboundRefusals.class);
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Sources remembered for the once-a-minute rule; past that the table starts afresh. */
    private static final int MAX_SOURCES = 10_000;

    private final Map<Refusal, Counter> refused = new ConcurrentHashMap<>();
    private final Map<Drop, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public InboundRefusals(MeterRegistry registry) {
        this(registry, System::nanoTime);
    }

    InboundRefusals(MeterRegistry registry, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        Meters meters = new Meters(registry);
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, meters.counter("recgate.sip.requests.refused",
                    "SIP requests answered 403 without reaching a dialog, by reason", "reason", refusal.label));
        }
        for (Drop drop : Drop.values()) {
            dropped.put(drop, meters.counter("recgate.sip.messages.dropped",
                    "SIP messages dropped before they were read, by reason", "reason", drop.label));
        }
    }

    /**
     * A request answered 403; {@code source} is its address, {@code what} says which request and
     * why, e.g. "BYE in dialog ... from 127.0.0.2:5999", with what the peer wrote in it {@link #printable}.
     */
    void refused(Refusal refusal, String source, String what) {
        refused.get(refusal).increment();
        if (firstThisMinute(refusal.label, source)) {
            LOG.warn("SIP request refused (403, {}): {}", refusal.label, what);
        }
    }

    /** A message dropped unparsed; its first bytes go into the log line. */
    void dropped(Drop drop, String source, byte[] message, String why) {
        dropped.get(drop).increment();
        if (firstThisMinute(drop.label, source)) {
            LOG.warn("SIP message from {} dropped ({}): {}; it began \"{}\" (further ones from there this minute are only counted)",
                    source, drop.label, printable(why), excerpt(message));
        }
    }

    private boolean firstThisMinute(String kind, String source) {
        String key = kind + '|' + source;
        long now = nanoTime.getAsLong();
        if (lastLogged.size() >= MAX_SOURCES) {
            lastLogged.clear();
        }
        Long previous = lastLogged.get(key);
        if (previous != null && now - previous < QUIET_NANOS) {
            return false;
        }
        lastLogged.put(key, now);
        return true;
    }

    /** The message's start as printable text: at most {@value #EXCERPT} characters, control characters escaped. */
    static String excerpt(byte[] message) {
        return printable(new String(message, StandardCharsets.ISO_8859_1));
    }

    /**
     * At most {@value #EXCERPT} characters of {@code text}, each outside printable ASCII as
     * {@code \xNN}: what a peer sent (a parser's message quotes it) never breaks a log line.
     */
    static String printable(String text) {
        StringBuilder printable = new StringBuilder();
        for (char c : text.substring(0, Math.min(text.length(), EXCERPT)).toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                printable.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else {
                printable.append(c);
            }
        }
        return printable + (text.length() > EXCERPT ? "…" : "");
    }
}
