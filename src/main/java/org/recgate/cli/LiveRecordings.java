package org.recgate.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.recgate.gateway.records.CallStateRecords;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.StateTopic;
import org.recgate.recording.RecordingSnapshot;
import org.recgate.recording.RecordingState;
import org.recgate.sip.DestinationRole;

/**
 * {@code recgate-cli recordings [--brokers HOST:PORT] [--topic T] [--state On|Paused] [--json] [--timeout-ms N]}:
 * the recordings that are live at the recorders, read from the compacted state topic to its end
 * (docs/durable-state.md §10), so it answers while the gateway is down, after a crash as well.
 * One line per recording: connection ID, recording id, DN, side, state, file name, each
 * destination's recorder and status, and how long it has been recording. It reads as
 * {@code watch-topic} does: no consumer group, nothing committed, the topic never created by
 * asking. docs/cli.md, "recordings".
 */
final class LiveRecordings {

    /** The topic does not exist, or a record on it is no call-state/1 record. */
    static final int NOT_READ = 1;

    static final String USAGE = """
            Usage: recgate-cli recordings [--brokers HOST:PORT] [--topic T] [--state On|Paused] [--json] [--timeout-ms N]
            Lists the live recordings the gateway's state topic holds (it need not run), one per line.
              --brokers HOST:PORT    bootstrap servers (default RECGATE_KAFKA_BROKERS, else 127.0.0.1:9092,
                                     the embedded broker)
              --topic T              the state topic (default RECGATE_KAFKA_TOPIC_STATE, else recgate.state)
              --state On|Paused      only the recordings in that state
              --json                 one JSON object per recording instead of the line
              --timeout-ms N         give up when no broker answers within N ms (default 10000)
            SASL/SSL as the gateway's: RECGATE_KAFKA_SECURITY_PROTOCOL, RECGATE_KAFKA_SASL_MECHANISM,
            RECGATE_KAFKA_SASL_JAAS_CONFIG, RECGATE_KAFKA_SSL_TRUSTSTORE_LOCATION, ... (or -Drecgate.kafka.…).
            Exit status: 0 listed (also none), 1 no such topic or an unreadable record, 2 usage error or no broker.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMAND = "recordings";

    private LiveRecordings() {
    }

    private record Options(String brokers, String topic, KafkaSecurity security, RecordingState state, boolean json,
                           Duration timeout) {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("recgate-cli recordings: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value" : e.getMessage()));
            err.print(USAGE);
            return TlibCli.USAGE_OR_CONNECTION;
        }
        if (options == null) {
            err.print(USAGE);
            return TlibCli.OK;
        }
        return list(options, Clock.systemUTC(), out, err);
    }

    /** Null for --help. */
    private static Options parse(List<String> args) {
        String brokers = TopicAccess.defaultBrokers();
        String configured = KafkaSecurity.systemSetting("recgate.kafka.topic.state");
        String topic = configured == null || configured.isBlank() ? "recgate.state" : configured.trim();
        RecordingState state = null;
        boolean json = false;
        long timeoutMs = 10_000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--brokers" -> brokers = args.get(++i);
                case "--topic" -> topic = args.get(++i);
                case "--state" -> state = state(args.get(++i));
                case "--json" -> json = true;
                case "--timeout-ms" -> timeoutMs = TopicAccess.positive("--timeout-ms", args.get(++i));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unexpected '" + args.get(i) + "'");
            }
        }
        return new Options(brokers, topic, KafkaSecurity.fromSystem(), state, json, Duration.ofMillis(timeoutMs));
    }

    /** A kept recording is On or Paused (the other states are never written, docs/durable-state.md §10). */
    private static RecordingState state(String value) {
        for (RecordingState state : List.of(RecordingState.ON, RecordingState.PAUSED)) {
            if (state.gsipValue().equalsIgnoreCase(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("--state takes On or Paused, not '" + value + "'");
    }

    private static int list(Options options, Clock clock, PrintStream out, PrintStream err) {
        Map<String, byte[]> kept;
        try (KafkaConsumer<String, String> consumer = TopicAccess.consumer(options.brokers(), options.security(), options.timeout())) {
            // first the check with --timeout-ms, so that neither a missing broker nor a missing topic waits long
            if (TopicAccess.partitions(consumer, options.topic(), options.brokers(), options.timeout(), COMMAND, err).isEmpty()) {
                return NOT_READ;
            }
            kept = new StateTopic(options.topic(), options.brokers(), options.security()).readToEnd(Integer.MAX_VALUE, read -> { });
        } catch (TimeoutException e) {
            err.println(TopicAccess.noBroker(COMMAND, options.brokers(), options.timeout()));
            return TlibCli.USAGE_OR_CONNECTION;
        } catch (KafkaException | IOException e) {
            err.println("recgate-cli recordings: " + e.getMessage());
            return TlibCli.USAGE_OR_CONNECTION;
        }
        boolean unreadable = false;
        List<RecordingSnapshot> live = new ArrayList<>();
        for (Map.Entry<String, byte[]> call : kept.entrySet()) {
            try {
                live.addAll(CallStateRecords.parse(JSON.readValue(call.getValue(), new TypeReference<Map<String, Object>>() { }))
                        .recordings());
            } catch (IOException | RuntimeException e) {
                err.println("recgate-cli recordings: the record of call " + call.getKey() + " cannot be read: " + e.getMessage());
                unreadable = true;
            }
        }
        live.sort(Comparator.comparing(RecordingSnapshot::requestedAt).thenComparing(RecordingSnapshot::connectionId)
                .thenComparing(RecordingSnapshot::id));
        for (RecordingSnapshot recording : live) {
            if (options.state() == null || options.state() == recording.state()) {
                out.println(options.json() ? json(recording, clock) : line(recording, clock));
            }
        }
        out.flush();
        return unreadable ? NOT_READ : TlibCli.OK;
    }

    /** {@code CONNID ID dn=DN side=SIDE STATE file=NAME primary=URI(STATUS) dest2=URI(STATUS) for=1h02m05s since=TIME}. */
    static String line(RecordingSnapshot recording, Clock clock) {
        StringBuilder line = new StringBuilder()
                .append(recording.connectionId()).append(' ').append(recording.id())
                .append(" dn=").append(recording.recordedDn())
                .append(" side=").append(recording.side().wireName())
                .append(' ').append(recording.state().gsipValue())
                .append(" file=").append(recording.fileName() == null ? "-" : recording.fileName());
        for (DestinationRole role : DestinationRole.values()) {
            RecordingSnapshot.Destination destination = destination(recording, role);
            line.append(' ').append(name(role)).append('=').append(destination == null ? "-"
                    : destination.uri() + "(" + (destination.status() == null ? "pending" : destination.status().wireName()) + ")");
        }
        return line.append(" for=").append(age(recording, clock)).append(" since=")
                .append(recording.requestedAt().truncatedTo(ChronoUnit.SECONDS)).toString();
    }

    /** The same as one JSON object, with the field names of the state record and {@code recordingForSeconds}. */
    static String json(RecordingSnapshot recording, Clock clock) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("connectionId", recording.connectionId());
        object.put("id", recording.id());
        object.put("recordedDn", recording.recordedDn());
        object.put("side", recording.side().wireName());
        object.put("state", recording.state().gsipValue());
        object.put("fileName", recording.fileName());
        for (DestinationRole role : DestinationRole.values()) {
            RecordingSnapshot.Destination destination = destination(recording, role);
            if (destination != null) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("uri", destination.uri());
                entry.put("status", destination.status() == null ? null : destination.status().wireName());
                entry.put("sipStatus", destination.sipStatus());
                object.put(name(role), entry);
            }
        }
        object.put("requestedAt", recording.requestedAt().toString());
        object.put("recordingForSeconds", Duration.between(recording.requestedAt(), clock.instant()).toSeconds());
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings and numbers is always JSON", e);
        }
    }

    /** As the T-Library extension names them: {@code dest2} is the duplicate (docs/recording.md §3). */
    private static String name(DestinationRole role) {
        return role == DestinationRole.DUPLICATE ? "dest2" : role.wireName();
    }

    private static RecordingSnapshot.Destination destination(RecordingSnapshot recording, DestinationRole role) {
        return recording.destinations().stream().filter(d -> d.role() == role).findFirst().orElse(null);
    }

    private static String age(RecordingSnapshot recording, Clock clock) {
        long seconds = Math.max(0, Duration.between(recording.requestedAt(), clock.instant()).toSeconds());
        return (seconds >= 3600 ? seconds / 3600 + "h" : "") + String.format("%02dm%02ds", seconds / 60 % 60, seconds % 60);
    }
}
