package org.recgate.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the SIP listening point dropped or refused: every one counted, logged once a minute per source, truncated. */
class InboundRefusalsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final InboundRefusals refusals = new InboundRefusals(registry, now::get);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LogManager.getLogger(InboundRefusals.class);
    private final AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    };

    @BeforeEach
    void listen() {
        capture.start();
        logger.addAppender(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeAppender(capture);
        capture.stop();
    }

    private double count(String name, String reason) {
        return registry.get(name).tag("reason", reason).counter().count();
    }

    @Test
    void everyDropIsCountedAndLoggedOnceAMinutePerSource() {
        byte[] junk = ("\u0001" + "x".repeat(500) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 50; i++) {
            refusals.dropped(InboundRefusals.Drop.MALFORMED, "127.0.0.9", junk, "not a SIP message");
        }
        refusals.dropped(InboundRefusals.Drop.MALFORMED, "127.0.0.8", junk, "not a SIP message (\r\nquoted)");
        assertEquals(51.0, count("recgate.sip.messages.dropped", "malformed"));
        assertEquals(0.0, count("recgate.sip.messages.dropped", "oversized"), "there at 0");
        assertEquals(2, lines.size(), () -> "one line per source: " + lines);
        String line = lines.get(0);
        assertTrue(line.startsWith("SIP message from 127.0.0.9 dropped (malformed)"), line);
        assertTrue(line.contains("\\x01xxx") && !line.contains("x".repeat(InboundRefusals.EXCERPT + 1)), line);
        assertTrue(line.length() < 400, "truncated: " + line.length());
        assertTrue(lines.get(1).contains("(\\x0d\\x0aquoted)"), lines.get(1));

        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        refusals.dropped(InboundRefusals.Drop.MALFORMED, "127.0.0.9", junk, "not a SIP message");
        assertEquals(3, lines.size(), "a minute later the next one is logged again");
    }

    @Test
    void refusalsAreCountedByReason() {
        refusals.refused(InboundRefusals.Refusal.FOREIGN_SOURCE, "127.0.0.2", "BYE in dialog x from 127.0.0.2:5999");
        refusals.refused(InboundRefusals.Refusal.FOREIGN_SOURCE, "127.0.0.2", "BYE in dialog x from 127.0.0.2:5999");
        assertEquals(2.0, count("recgate.sip.requests.refused", "foreign-source"));
        assertEquals(0.0, count("recgate.sip.requests.refused", "out-of-dialog"));
        assertEquals(List.of("SIP request refused (403, foreign-source): BYE in dialog x from 127.0.0.2:5999"), lines);
    }

    @Test
    void theExcerptShowsControlCharactersAndStopsShort() {
        assertEquals("BYE\\x0d\\x0aX", InboundRefusals.excerpt("BYE\r\nX".getBytes(StandardCharsets.US_ASCII)));
        String longOne = InboundRefusals.excerpt("y".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        assertEquals(InboundRefusals.EXCERPT + 1, longOne.length());
        assertTrue(longOne.endsWith("…"));
        assertEquals("a\\x0d\\x0aRoute: x \\u2028", InboundRefusals.printable("a\r\nRoute: x \u2028"),
                "what a peer wrote cannot start a log line of its own");
    }
}
