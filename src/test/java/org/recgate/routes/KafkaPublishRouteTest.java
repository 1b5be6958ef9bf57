package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-publish.camel.yaml: a route under the route configuration kafka-queue hands a record to the queue of its
 * topic (seda:&lt;topic&gt;) and never waits; the topic's publisher (a templatedRoute of kafka-publisher) sends it
 * to kafka:&lt;topic&gt; (mocked: no broker) as the JSON bytes marshal wrote, with its key. A full queue drops and
 * counts; a record the producer refused before sending is tried again, in order; any other failure is not
 * (docs/kafka.md). The route that hands records over is this test's own, standing in for audit, user-event-record
 * and recording-indications.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.KAFKA_PUBLISH,
        mockEndpointsAndSkip = "kafka:*")
class KafkaPublishRouteTest extends RouteTestSupport {

    private static final String RECORD = "direct:record";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Configure
    void recordingRoute(MainConfigurationProperties main) {
        main.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(RECORD).routeId("a-record").routeConfigurationId("kafka-queue")
                        .toD("seda:${header.topic}").bean("kafkaQueues", "queued");
            }
        });
    }

    private String audit() {
        return setting("recgate.kafka.topic.audit");
    }

    private Exchange hand(String topic, String key, Map<String, Object> record) {
        return template.send(RECORD, exchange -> {
            exchange.getMessage().setHeader("topic", topic);
            exchange.getMessage().setHeader("kafka.KEY", key);
            exchange.getMessage().setBody(record);
        });
    }

    private static Map<String, Object> record(int n) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema", "test/1");
        record.put("n", n);
        return record;
    }

    private List<Object> sentNumbers(String topic) {
        return published(topic).stream().map(r -> r.value().get("n")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"recgate.kafka.topic.audit", "recgate.kafka.topic.user-events", "recgate.kafka.topic.indications"})
    void aRecordReachesItsTopicAsTheJsonBytesWithItsKey(String topicSetting) throws Exception {
        String topic = setting(topicSetting);

        hand(topic, "00000000000000c1", record(1));

        PublishedRecord sent = awaitPublished(topic, 1).get(0);
        assertEquals("00000000000000c1", sent.key());
        assertArrayEquals(JSON.writeValueAsBytes(record(1)), sent.bytes());
        assertEquals(1, count("recgate.kafka.records.queued", "topic", topic));
        await().atMost(TIMEOUT).until(() -> bean(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                .get("recgate.kafka.send").tag("topic", topic).timer().count() == 1);
    }

    @Test
    void aTopicsRecordsAreSentInTheOrderTheyCame() {
        IntStream.range(0, 50).forEach(n -> hand(audit(), "k" + n % 3, record(n)));

        awaitPublished(audit(), 50);
        assertEquals(IntStream.range(0, 50).boxed().toList(), sentNumbers(audit()));
    }

    @Test
    void aRecordTheProducerRefusedBeforeSendingIsTriedAgainBeforeTheNext() {
        mock("kafka:" + audit()).whenExchangeReceived(1, exchange -> {
            throw new TimeoutException("Topic " + audit() + " not present in metadata after 2000 ms.");
        });

        hand(audit(), "a", record(1));
        hand(audit(), "b", record(2));

        await().atMost(TIMEOUT).until(() -> published(audit()).size() == 3);
        assertEquals(List.of(1, 1, 2), sentNumbers(audit()));
        assertEquals(0, count("recgate.kafka.records.undelivered"));
    }

    @Test
    void aRecordThatMayBeOnTheTopicAlreadyIsNotSentAgainButCounted() {
        mock("kafka:" + audit()).whenExchangeReceived(1, exchange -> {
            throw new KafkaException("the broker refused the batch");
        });

        hand(audit(), "a", record(1));
        hand(audit(), "b", record(2));

        await().atMost(TIMEOUT).until(() -> published(audit()).size() == 2);
        assertEquals(List.of(1, 2), sentNumbers(audit()));
        assertEquals(1, count("recgate.kafka.records.undelivered", "topic", audit(), "reason", "failed"));
    }

    /** A broker outage long enough to fill the queue: its publisher is stopped here, so nothing leaves it. */
    @Nested
    @CamelMainTest(properties = "recgate.kafka.queue-size=2")
    class WhenTheQueueIsFull {

        @Test
        void aRecordIsDroppedAndCountedAndItsSenderGoesOn() throws Exception {
            context.getRouteController().stopRoute("publish-audit");

            List<Exchange> senders = IntStream.range(0, 5).mapToObj(n -> hand(audit(), "k", record(n))).toList();

            senders.forEach(sender -> assertNull(sender.getException(), "the request that made the record is answered as usual"));
            assertEquals(3, count("recgate.kafka.records.dropped", "topic", audit()));
            assertEquals(2, count("recgate.kafka.records.queued", "topic", audit()));
            context.getRouteController().startRoute("publish-audit");
            awaitPublished(audit(), 2);
            assertEquals(List.of(0, 1), sentNumbers(audit()));
        }
    }
}
