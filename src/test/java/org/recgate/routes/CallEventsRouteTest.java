package org.recgate.routes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.recgate.call.CallChange;
import org.recgate.gateway.recording.CallChangeSteps;
import org.recgate.kafka.StateJournal;

/**
 * call-events.camel.yaml: the call feed from the Kafka topic tlib.call-events (the same JSON objects as the
 * T-Library feed) into the call registry; a record that is not a call event, or is about an unknown call, is
 * skipped and counted, and the feed goes on. The kafka: consumer needs a broker, so the route is fed from a
 * direct: endpoint here with the record value as Kafka gives it (bytes); call-changed is mocked. The
 * commit after the state is durable is shown here with the commit handle the consumer would put in
 * the header, and against a real broker and a killed process in CallFeedCommitIT.
 */
@CamelMainTest(propertyPlaceholderLocations = {RouteTestSupport.TEST_SETTINGS, RouteTestSupport.SETTINGS},
        properties = RouteFiles.LOAD + RouteFiles.CALL_EVENTS,
        replaceRouteFromWith = "call-events=direct:call-events-topic",
        mockEndpointsAndSkip = "direct:call-changed")
class CallEventsRouteTest extends RouteTestSupport {

    private static final String METER = "recgate.kafka.call.events";

    private Exchange record(String json) {
        return template.send("direct:call-events-topic", exchange -> exchange.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8)));
    }

    private MockEndpoint callChanged() {
        return mock("direct:call-changed");
    }

    @Test
    void aRecordIsAppliedAndItsChangeGoesOn() {
        record("{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"00000000000000c1\",\"AttrThisDN\":\"1001\",\"AttrOtherDN\":\"5000\"}");
        record("{\"message\":\"EventReleased\",\"AttrConnectionID\":\"00000000000000c1\",\"AttrThisDN\":\"1001\"}");

        assertEquals(2, callChanged().getReceivedCounter());
        CallChange established = callChanged().getExchanges().get(0).getProperty(CallChangeSteps.CALL_CHANGE, CallChange.class);
        assertEquals(Set.of("1001", "5000"), established.joined());
        CallChange released = callChanged().getExchanges().get(1).getProperty(CallChangeSteps.CALL_CHANGE, CallChange.class);
        assertEquals(Set.of("1001"), released.left());
        assertEquals(2, count(METER, "outcome", "applied"));
    }

    @Test
    void aBadRecordIsSkippedAndCountedAndTheFeedGoesOn() {
        Exchange notJson = record("{\"message\":\"EventEstablished\",");
        Exchange unknownCall = record("{\"message\":\"EventReleased\",\"AttrConnectionID\":\"00000000000000c9\",\"AttrThisDN\":\"1001\"}");
        Exchange noConnection = record("{\"message\":\"EventEstablished\",\"AttrThisDN\":\"1001\"}");
        record("{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"00000000000000c1\",\"AttrThisDN\":\"1001\"}");

        assertNull(notJson.getException());
        assertNull(unknownCall.getException());
        assertNull(noConnection.getException());
        assertEquals(3, count(METER, "outcome", "skipped"));
        assertEquals(1, count(METER, "outcome", "applied"));
        assertEquals(1, callChanged().getReceivedCounter(), "only the good record's change");
    }

    @Test
    void thePollsOffsetsAreCommittedAfterItsLastRecordOnceTheStateQueuedBeforeIsWritten() throws Exception {
        StateJournal journal = bean("stateJournal", StateJournal.class);
        DefaultMessage state = new DefaultMessage(context);
        journal.queued(state); // a state record on its way to the state topic, not written yet
        List<String> commits = new CopyOnWriteArrayList<>();

        polled("00000000000000c1", 0, false, () -> commits.add("partition 0")).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), commits, "not the poll's last record: nothing committed yet");
        CompletableFuture<Exchange> last = polled("00000000000000c2", 1, true, () -> commits.add("partition 1"));
        await().atMost(TIMEOUT).until(() -> callChanged().getReceivedCounter() == 2); // applied, then waiting
        assertFalse(last.isDone(), "the route waits for the state record");
        assertEquals(List.of(), commits, "nothing committed before the state is written");

        journal.written(state.getHeader(StateJournal.SEQUENCE, Long.class));
        assertNull(last.get(5, TimeUnit.SECONDS).getException());
        assertEquals(List.of("partition 0", "partition 1"), commits, "each partition's last record, once written");
    }

    @Test
    void aRecordWhoseChangeFailsIsDoneWithAndThePollIsStillCommitted() throws Exception {
        callChanged().whenAnyExchangeReceived(exchange -> {
            throw new IllegalStateException("a change that fails");
        });
        List<String> commits = new CopyOnWriteArrayList<>();

        Exchange failed = polled("00000000000000c1", 2, true, () -> commits.add("partition 2")).get(5, TimeUnit.SECONDS);
        assertNotNull(failed.getException(), "the failure is the exchange's (logged by the consumer's error handler)");
        assertEquals(List.of("partition 2"), commits, "its poll is committed all the same");
    }

    /** A record as the kafka: consumer hands it over: its partition, whether it is the poll's last, its commit handle. */
    private CompletableFuture<Exchange> polled(String call, int partition, boolean lastOfPoll, KafkaManualCommit handle) {
        return template.asyncSend("direct:call-events-topic", exchange -> {
            exchange.getMessage().setBody(("{\"message\":\"EventEstablished\",\"AttrConnectionID\":\"" + call + "\","
                    + "\"AttrThisDN\":\"1001\"}").getBytes(StandardCharsets.UTF_8));
            exchange.getMessage().setHeader(KafkaConstants.PARTITION, partition);
            exchange.getMessage().setHeader(KafkaConstants.LAST_POLL_RECORD, lastOfPoll);
            exchange.getMessage().setHeader(KafkaConstants.MANUAL_COMMIT, handle);
        });
    }
}
