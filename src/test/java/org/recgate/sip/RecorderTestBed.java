package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A CamelContext with two real {@code sip-recorder} components on free ports of 127.0.0.1:
 * {@code sip-recorder} over UDP and {@code sip-recorder-tcp} over TCP. Recorder events of the UDP
 * one are collected from {@code sip-recorder:events}. A JUnit extension: a test class registers it
 * ({@code @RegisterExtension static final RecorderTestBed BED = new RecorderTestBed();}) and it
 * starts before the class's tests and stops after them.
 */
final class RecorderTestBed implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    static final String UDP = "sip-recorder";
    static final String TCP = "sip-recorder-tcp";

    private final CamelContext context = new DefaultCamelContext();
    private final BlockingQueue<RecorderEvent> events = new LinkedBlockingQueue<>();
    private ProducerTemplate template;

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        close();
    }

    /** Starts the context (a test that needs a bed of its own uses it in a try-with-resources). */
    RecorderTestBed start() throws Exception {
        context.addComponent(UDP, TestComponents.onFreePort("udp"));
        context.addComponent(TCP, TestComponents.onFreePort("tcp"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(UDP + ":events").routeId("recorder-events").process(e -> events.add(e.getIn().getBody(RecorderEvent.class)));
            }
        });
        context.start();
        template = context.createProducerTemplate();
        return this;
    }

    CamelContext context() {
        return context;
    }

    ProducerTemplate template() {
        return template;
    }

    /** Sends the request to the endpoint and waits (the test thread only) for the response. */
    RecorderResponse send(String endpointUri, RecorderRequest request) throws Exception {
        Object body = template.asyncRequestBody(endpointUri, request).get(30, TimeUnit.SECONDS);
        assertNotNull(body, "no response body");
        return (RecorderResponse) body;
    }

    /** Does the operation on the one destination and checks that its session is (still) established. */
    DestinationResult established(String endpointUri, RecorderOperation operation, RecordingSessionSpec spec,
                                  RecorderDestination destination) throws Exception {
        DestinationResult result = only(send(endpointUri, request(operation, spec, destination)));
        assertEquals(DestinationStatus.ESTABLISHED, result.status(), result::toString);
        return result;
    }

    /** The result of a request's one destination. */
    static DestinationResult only(RecorderResponse response) {
        assertEquals(1, response.results().size(), response::toString);
        return response.results().get(0);
    }

    RecorderEvent nextEvent() throws InterruptedException {
        RecorderEvent event = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "no recorder event within 30 s");
        return event;
    }

    @Override
    public void close() {
        context.stop();
    }

    static RecordingSessionSpec spec(Map<String, Object> params) {
        return new RecordingSessionSpec("rec-" + UUID.randomUUID(), "006e01d2a3b4c5d6", "00RV9H7S6O8V3BSHAG7GK2LAES00002M",
                "7001", "destination",
                List.of(new Participant("+15551230001", "Customer", false), new Participant("7001", "Agent", true)),
                params, "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav", Instant.now());
    }

    static RecorderRequest request(RecorderOperation operation, RecordingSessionSpec spec, RecorderDestination... destinations) {
        return new RecorderRequest(operation, spec, Arrays.asList(destinations));
    }

    static RecorderDestination primary(String... candidates) {
        return new RecorderDestination(List.of(candidates), DestinationRole.PRIMARY, Dialect.SIPREC);
    }

    static RecorderDestination duplicate(String... candidates) {
        return new RecorderDestination(List.of(candidates), DestinationRole.DUPLICATE, Dialect.SIPREC);
    }

    /** A spec whose file name has no extension, as the gateway's GSIP_REC_FN template makes it. */
    static RecordingSessionSpec msmlSpec(Map<String, Object> params) {
        RecordingSessionSpec spec = spec(params);
        return new RecordingSessionSpec(spec.recordingId(), spec.connectionId(), spec.callUuid(), spec.recordedDn(),
                spec.side(), spec.participants(), spec.params(), "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001", spec.startTime());
    }

    static RecorderDestination msmlPrimary(String... candidates) {
        return new RecorderDestination(List.of(candidates), DestinationRole.PRIMARY, Dialect.MSML);
    }

    static RecorderDestination msmlDuplicate(String... candidates) {
        return new RecorderDestination(List.of(candidates), DestinationRole.DUPLICATE, Dialect.MSML);
    }
}
