package org.recgate.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything the JVM logs while it is open, at the levels an operator's log4j2.xml shows and more:
 * {@code org.recgate} at DEBUG, Camel and the Kafka clients at INFO (their configuration dumps, the
 * property summaries). For tests that check what a log never shows (a secret). Closing it restores
 * the levels of log4j2-test.xml.
 */
public final class LogCapture implements AutoCloseable {

    private static final Map<String, Level> LEVELS = Map.of("org.recgate", Level.DEBUG, "org.apache.camel", Level.INFO,
            "org.apache.camel.main.BaseMainSupport", Level.INFO, "org.apache.kafka", Level.INFO);

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Level> previous = new LinkedHashMap<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    private LogCapture() {
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null,
                PatternLayout.newBuilder().withPattern("%-5level [%t] %c - %msg%n%throwable").build(), false,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String line = getLayout().toSerializable(event).toString();
                synchronized (text) {
                    text.append(line);
                }
            }
        };
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.attach();
        return capture;
    }

    private void attach() {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        LEVELS.forEach((name, level) -> {
            previous.put(name, config.getLoggerConfig(name).getLevel());
            config.getLoggerConfig(name).setLevel(level);
        });
        context.updateLoggers();
    }

    /** What was logged so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        previous.forEach((name, level) -> config.getLoggerConfig(name).setLevel(level));
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
