package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-publish.camel.yaml: the publisher of each topic (a templatedRoute of kafka-publisher) takes the records off
 * the topic's queue (seda:&lt;topic&gt;, where audit, user-event-record and recording-indications hand them over as
 * the JSON bytes their marshal wrote) and sends them to kafka:&lt;topic&gt; (mocked: no broker) in order, as those
 * bytes, with their key. A
 * record the producer refused before sending is tried again before the next; any other failure is not, but counted
 * (docs/kafka.md). A full queue is the sending routes' to handle (AuditRouteTest and others, WhenTheQueueIsFull).
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.KAFKA_PUBLISH,
        mockEndpointsAndSkip = "kafka:*")
class KafkaPublishRouteTest extends RouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String audit() {
        return setting("recgate.kafka.topic.audit");
    }

    /** The record into its topic's queue, as the sending routes hand it over: the JSON bytes their marshal wrote. */
    private void hand(String topic, String key, Map<String, Object> record) {
        try {
            template.sendBodyAndHeader("seda:" + topic, JSON.writeValueAsBytes(record), "kafka.KEY", key);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
        await().atMost(TIMEOUT).until(() -> bean(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                .get("recgate.kafka.send").tag("topic", topic).timer().count() == 1);
    }

    /** Without HA the lease is always held, and the header names no instance (docs/kafka.md). */
    @Test
    void aRecordCarriesTheHeaderOfTheInstanceThatWroteIt() {
        hand(audit(), "a", record(1));

        awaitPublished(audit(), 1);
        assertEquals("", mock("kafka:" + audit()).getReceivedExchanges().get(0).getMessage().getHeader("RecGateInstance"));
        assertEquals(0, count("recgate.kafka.records.fenced", "topic", audit()));
    }

    @Test
    void onlyTheRecordItsKeyAndItsNumberGoOnNotTheSendingRequestsHeadersAndProperties() throws Exception {
        String topic = setting("recgate.kafka.topic.indications");
        // as recording-indications hands a record over: on the exchange of the request that caused it
        template.send("seda:" + topic, exchange -> {
            exchange.setProperty("TlibSession", "the client's session");
            exchange.setProperty("RecordingChanges", List.of("a change"));
            exchange.getMessage().setBody(JSON.writeValueAsBytes(record(1)));
            exchange.getMessage().setHeader("kafka.KEY", "00000000000000c1");
            exchange.getMessage().setHeader(org.recgate.kafka.StateJournal.SEQUENCE, 7L);
            exchange.getMessage().setHeader("TlibMessage", "RequestPrivateService");
            exchange.getMessage().setHeader("AttrPrivateMsgID", "GSIP_RECORD_START");
            exchange.getMessage().setHeader("Content-Type", "application/json"); // what marshal sets
        });

        awaitPublished(topic, 1);
        org.apache.camel.Exchange sent = mock("kafka:" + topic).getReceivedExchanges().get(0);
        // and the one header the publisher adds: the instance that wrote the record (docs/kafka.md)
        assertEquals(java.util.Set.of("kafka.KEY", "Content-Type", org.recgate.kafka.StateJournal.SEQUENCE,
                        org.recgate.kafka.KafkaQueues.TAKEN_NANOS, "RecGateInstance"),
                sent.getMessage().getHeaders().keySet());
        assertEquals("00000000000000c1", sent.getMessage().getHeader("kafka.KEY"));
        assertEquals(7L, sent.getMessage().getHeader(org.recgate.kafka.StateJournal.SEQUENCE));
        assertEquals(null, sent.getProperty("TlibSession"));
        assertEquals(null, sent.getProperty("RecordingChanges"));
        assertArrayEquals(JSON.writeValueAsBytes(record(1)), sent.getMessage().getBody(byte[].class));
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
}
