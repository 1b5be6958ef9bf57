package org.recgate.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.recgate.support.Meters;

/**
 * The Kafka publishing meters (docs/operations.md), per topic, every topic's series there from
 * start-up: records queued, dropped (queue full of records or bytes), fenced (no leadership lease),
 * undelivered (by reason),
 * records and bytes waiting, send latency.
 */
public final class KafkaMetrics {

    private static final String UNKNOWN = "unknown";
    private static final List<String> REASONS = List.of(KafkaSendFailures.EXPIRED, KafkaSendFailures.FAILED);

    private final Map<String, Counter> queued = new HashMap<>();
    private final Map<String, Counter> dropped = new HashMap<>();
    private final Map<String, Counter> undelivered = new HashMap<>();
    private final Map<String, Counter> fenced = new HashMap<>();
    private final Map<String, Timer> sendTimes = new HashMap<>();

    /**
     * @param waiting how many records of a topic wait in its queue now
     * @param bytes   the bytes they hold
     */
    public KafkaMetrics(Meters meters, List<String> topics, ToDoubleFunction<String> waiting, ToDoubleFunction<String> bytes) {
        List<String> all = new java.util.ArrayList<>(topics);
        all.add(UNKNOWN);
        for (String topic : all) {
            queued.put(topic, meters.counter("recgate.kafka.records.queued", "Records handed to a topic's publishing queue",
                    "topic", topic));
            dropped.put(topic, meters.counter("recgate.kafka.records.dropped",
                    "Records dropped because the topic's publishing queue was full (recgate.kafka.queue-size records"
                            + " or recgate.kafka.queue-max-bytes bytes)", "topic", topic));
            fenced.put(topic, meters.counter("recgate.kafka.records.fenced",
                    "Records not sent because this instance does not hold the leadership of its hot-standby pair",
                    "topic", topic));
            for (String reason : REASONS) {
                undelivered.put(topic + "/" + reason, meters.counter("recgate.kafka.records.undelivered",
                        "Records Kafka did not take that are not sent again (they may be on the topic): expired or failed",
                        "topic", topic, "reason", reason));
            }
            sendTimes.put(topic, meters.timer("recgate.kafka.send", "Time from taking a record off its queue to Kafka's ack",
                    "topic", topic));
            if (!UNKNOWN.equals(topic)) {
                meters.gauge("recgate.kafka.queue.records", "Records waiting in a topic's publishing queue", topic, waiting,
                        "topic", topic);
                meters.gauge("recgate.kafka.queue.bytes", "Bytes of the records (their JSON) waiting in a topic's publishing queue",
                        topic, bytes, "topic", topic);
            }
        }
    }

    void queued(String topic) {
        of(queued, topic).increment();
    }

    void dropped(String topic) {
        of(dropped, topic).increment();
    }

    void fenced(String topic) {
        of(fenced, topic).increment();
    }

    void undelivered(String topic, String reason) {
        Counter counter = undelivered.get(topic + "/" + reason);
        (counter != null ? counter : undelivered.get(UNKNOWN + "/" + reason)).increment();
    }

    void sent(String topic, long nanos) {
        of(sendTimes, topic).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static <T> T of(Map<String, T> meters, String topic) {
        T meter = meters.get(topic);
        return meter != null ? meter : meters.get(UNKNOWN);
    }
}
