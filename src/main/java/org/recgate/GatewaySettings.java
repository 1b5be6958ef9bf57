package org.recgate;

import java.nio.file.Path;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code recgate.*} settings the Java side needs, read once at start-up through Camel's
 * properties (application.properties, then {@code -D} system properties and environment variables
 * override it). Route files read theirs as {@code {{placeholders}}}. docs/configuration.md lists all.
 */
public record GatewaySettings(int tlibMaxLineBytes, int tlibMaxPendingBytes, String dnFile, String serverName,
                              String recorderUris, String recorderDialect, String recorderAllowedHosts,
                              String fileNameTemplate, int demoRecorderPort, String dataDir,
                              String auditTopic, String userEventsTopic, String indicationsTopic,
                              String sipHost, int sipPort, String sipTransport, int recorderTimeoutMs,
                              String msmlContentType, String msmlRecordDest, String msmlRecordFormat, String msmlMaxTime,
                              int dnFileCheckMs, String screenRecorderUris, long kafkaQueueMaxBytes,
                              int recordingMaxPerCall) {

    /** The documented default of {@code recgate.dn-file}; when it does not exist the bundled demo file is used. */
    public static final String DEFAULT_DN_FILE = "config/dns.yaml";

    public static GatewaySettings from(PropertiesComponent properties) {
        return new GatewaySettings(
                positiveInt(properties, "recgate.tlib.max-line-bytes"),
                positiveInt(properties, "recgate.tlib.max-pending-bytes"),
                required(properties, "recgate.dn-file"),
                required(properties, "recgate.server-name"),
                optional(properties, "recgate.recorder.uri"),
                required(properties, "recgate.recorder.dialect"),
                optional(properties, "recgate.recorder.allowed-hosts"),
                required(properties, "recgate.recorder.file-name-template"),
                positiveInt(properties, "recgate.demo-recorder.port"),
                required(properties, "recgate.data-dir"),
                required(properties, "recgate.kafka.topic.audit"),
                required(properties, "recgate.kafka.topic.user-events"),
                required(properties, "recgate.kafka.topic.indications"),
                required(properties, "recgate.sip.host"),
                positiveInt(properties, "recgate.sip.port"),
                required(properties, "recgate.sip.transport"),
                positiveInt(properties, "recgate.recorder.timeout-ms"),
                required(properties, "recgate.msml.content-type"),
                required(properties, "recgate.msml.record-dest"),
                required(properties, "recgate.msml.record-format"),
                required(properties, "recgate.msml.max-time"),
                nonNegativeInt(properties, "recgate.dn-file.check-ms"),
                optional(properties, "recgate.screen-recorder.uri"),
                positiveLong(properties, "recgate.kafka.queue-max-bytes"),
                positiveInt(properties, "recgate.recording.max-per-call"));
    }

    public Path dnFilePath() {
        return Path.of(dnFile);
    }

    static String optional(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }

    static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key)
                .map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException("the setting " + key + " is missing"));
    }

    private static int nonNegativeInt(PropertiesComponent properties, String key) {
        String value = required(properties, key);
        return value.equals("0") ? 0 : positiveInt(properties, key);
    }

    static int positiveInt(PropertiesComponent properties, String key) {
        long number = positiveLong(properties, key);
        if (number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the setting " + key + " must be at most " + Integer.MAX_VALUE + ", not " + number);
        }
        return (int) number;
    }

    static long positiveLong(PropertiesComponent properties, String key) {
        String value = required(properties, key);
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the setting " + key + " must be a positive integer, not '" + value + "'");
    }
}
