package org.recgate.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.recgate.kafka.KafkaSecurity;

/**
 * {@code recgate-cli watch-topic TOPIC [--brokers HOST:PORT] [--from-beginning] [--max N] [--timeout-ms N]}:
 * prints each record of a Kafka topic as one line (its JSON value) on stdout. It reads the topic's
 * partitions directly (assign and seek): no consumer group is made, nothing is committed, the
 * gateway's own consumers are never touched, and a mistyped topic is reported, not created. It
 * connects as the gateway does: the {@code recgate.kafka.*} security keys (and
 * {@code recgate.kafka.brokers}) from system properties or the environment ({@link KafkaSecurity},
 * docs/security.md). docs/cli.md, "watch-topic".
 */
final class WatchTopic {

    /** The topic does not exist. */
    static final int NO_SUCH_TOPIC = 1;

    static final String USAGE = """
            Usage: recgate-cli watch-topic TOPIC [--brokers HOST:PORT] [--from-beginning] [--max N] [--timeout-ms N]
            Prints the records of a Kafka topic, one JSON value per line, as they arrive.
              --brokers HOST:PORT    bootstrap servers (default RECGATE_KAFKA_BROKERS, else 127.0.0.1:9092,
                                     the embedded broker)
              --from-beginning       start with the records already there, oldest first (by record time
                                     across the topic's partitions); with --max N: the oldest N
              --max N                stop after N records
              --timeout-ms N         give up when no broker answers within N ms (default 10000)
            SASL/SSL as the gateway's: RECGATE_KAFKA_SECURITY_PROTOCOL, RECGATE_KAFKA_SASL_MECHANISM,
            RECGATE_KAFKA_SASL_JAAS_CONFIG, RECGATE_KAFKA_SSL_TRUSTSTORE_LOCATION, ... (or -Drecgate.kafka.…).
            Exit status: 0 done (N records, or stopped), 1 no such topic, 2 usage error or no broker.
            """;

    private WatchTopic() {
    }

    private record Options(String topic, String brokers, KafkaSecurity security, boolean fromBeginning, long max,
                           Duration timeout) {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("recgate-cli watch-topic: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value" : e.getMessage()));
            err.print(USAGE);
            return TlibCli.USAGE_OR_CONNECTION;
        }
        if (options == null) {
            err.print(USAGE);
            return TlibCli.OK;
        }
        return watch(options, out, err);
    }

    /** Null for --help. */
    private static Options parse(List<String> args) {
        String topic = null;
        String brokers = TopicAccess.defaultBrokers();
        boolean fromBeginning = false;
        long max = Long.MAX_VALUE;
        long timeoutMs = 10_000;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--brokers" -> brokers = args.get(++i);
                case "--from-beginning" -> fromBeginning = true;
                case "--max" -> max = TopicAccess.positive("--max", args.get(++i));
                case "--timeout-ms" -> timeoutMs = TopicAccess.positive("--timeout-ms", args.get(++i));
                case "--help", "-h" -> {
                    return null;
                }
                default -> {
                    if (topic != null || args.get(i).startsWith("-")) {
                        throw new IllegalArgumentException("unexpected '" + args.get(i) + "'");
                    }
                    topic = args.get(i);
                }
            }
        }
        if (topic == null) {
            throw new IllegalArgumentException("name the topic");
        }
        return new Options(topic, brokers, KafkaSecurity.fromSystem(), fromBeginning, max, Duration.ofMillis(timeoutMs));
    }

    private static int watch(Options options, PrintStream out, PrintStream err) {
        try (KafkaConsumer<String, String> consumer = TopicAccess.consumer(options.brokers(), options.security(), options.timeout())) {
            List<TopicPartition> partitions = TopicAccess.partitions(consumer, options.topic(), options.brokers(),
                    options.timeout(), "watch-topic", err);
            if (partitions.isEmpty()) {
                return NO_SUCH_TOPIC;
            }
            consumer.assign(partitions);
            long printed = 0;
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
                printed = printBacklog(consumer, partitions, options, out);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // the end as it is now, before anything new arrives
            }
            err.println("recgate-cli: watching " + options.topic() + " on " + options.brokers() + " (" + options.security() + ")");
            while (printed < options.max()) { // Ctrl-C ends the process
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    print(record, out);
                    if (++printed >= options.max()) {
                        break;
                    }
                }
            }
            return TlibCli.OK;
        } catch (TimeoutException e) {
            err.println(TopicAccess.noBroker("watch-topic", options.brokers(), options.timeout()));
            return TlibCli.USAGE_OR_CONNECTION;
        } catch (KafkaException e) {
            err.println("recgate-cli watch-topic: " + e.getMessage());
            return TlibCli.USAGE_OR_CONNECTION;
        }
    }

    /**
     * The records there already, oldest first across partitions: read up to the end offsets of now
     * (at most --max from each partition), then sorted by record time. Returns how many were printed.
     */
    private static long printBacklog(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
                                     Options options, PrintStream out) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, options.timeout());
        List<ConsumerRecord<String, String>> backlog = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)
                && backlog.stream().filter(r -> r.partition() == p.partition()).count() < options.max())) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    backlog.add(record);
                }
            }
        }
        backlog.sort(Comparator.comparingLong(ConsumerRecord<String, String>::timestamp)
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        List<ConsumerRecord<String, String>> oldest = backlog.subList(0, (int) Math.min(backlog.size(), options.max()));
        oldest.forEach(record -> print(record, out));
        ends.forEach(consumer::seek); // what arrived meanwhile is read next, after the backlog
        return oldest.size();
    }

    private static void print(ConsumerRecord<String, String> record, PrintStream out) {
        out.println(record.value());
        out.flush();
    }
}
