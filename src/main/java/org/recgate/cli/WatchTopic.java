package org.recgate.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code recgate-cli watch-topic TOPIC [--brokers HOST:PORT] [--from-beginning] [--max N]}: prints
 * each record of a Kafka topic as one line (its JSON value) on stdout, until the process is stopped or N records
 * were printed. A consumer group of its own, so it never takes records from the gateway.
 */
final class WatchTopic {

    static final String USAGE = """
            Usage: recgate-cli watch-topic TOPIC [--brokers HOST:PORT] [--from-beginning] [--max N]
            Prints the records of a Kafka topic, one JSON value per line, as they arrive.
              --brokers HOST:PORT    bootstrap servers (default 127.0.0.1:9092, the embedded broker)
              --from-beginning       start at the oldest record instead of the newest
              --max N                stop after N records
            """;

    private WatchTopic() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String topic = null;
        String brokers = "127.0.0.1:9092";
        boolean fromBeginning = false;
        long max = Long.MAX_VALUE;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--brokers" -> brokers = args.get(++i);
                    case "--from-beginning" -> fromBeginning = true;
                    case "--max" -> max = Long.parseLong(args.get(++i));
                    case "--help" -> {
                        err.print(USAGE);
                        return TlibCli.OK;
                    }
                    default -> {
                        if (topic != null || args.get(i).startsWith("--")) {
                            throw new IllegalArgumentException("unexpected '" + args.get(i) + "'");
                        }
                        topic = args.get(i);
                    }
                }
            }
            if (topic == null) {
                throw new IllegalArgumentException("name the topic");
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("recgate-cli watch-topic: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value" : e.getMessage()));
            err.print(USAGE);
            return TlibCli.USAGE_OR_CONNECTION;
        }
        return watch(topic, brokers, fromBeginning, max, out, err);
    }

    private static int watch(String topic, String brokers, boolean fromBeginning, long max, PrintStream out,
                             PrintStream err) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "recgate-cli-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long printed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            err.println("recgate-cli: watching " + topic + " on " + brokers);
            while (printed < max) { // Ctrl-C ends the process
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println(record.value());
                    out.flush();
                    if (++printed >= max) {
                        break;
                    }
                }
            }
            return TlibCli.OK;
        } catch (KafkaException e) {
            err.println("recgate-cli watch-topic: " + e.getMessage());
            return TlibCli.USAGE_OR_CONNECTION;
        }
    }
}
