package org.recgate.routes;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Timeout;
import org.recgate.RecGateConfiguration;
import org.recgate.testing.FreePorts;

/**
 * What the route tests share (docs/architecture.md, Tests). Each test class is a
 * {@code @CamelMainTest}: Camel main as the gateway runs it, with the gateway's own beans
 * ({@link RecGateConfiguration}) and settings (application.properties under route-tests.properties),
 * and only the route files the class names ({@link RouteFiles}). A new context per test method, so no
 * test sees another's calls, sessions or counters.
 * <p>
 * Endpoints that need the outside world are mocked by the class ({@code mockEndpointsAndSkip}):
 * {@code kafka:} (no broker), {@code sip-recorder:} (no recorder; {@link FakeRecorder} answers),
 * and the {@code direct:} entry of a route file the class does not load.
 * <p>
 * Each class names {@link #TEST_SETTINGS} and {@link #SETTINGS} itself: camel-test-main reads one
 * {@code @CamelMainTest} per class, and camel-main reads {@code camel.main.*} and
 * {@code camel.management.*} before any configuration class runs (docs/stack.md §1). Only the free
 * ports are set here, as override properties the gateway's configuration reads after them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a route that never completes an exchange fails its test, not the build
abstract class RouteTestSupport {

    /** Put before {@link #SETTINGS} in {@code propertyPlaceholderLocations}: the first location that has a key wins. */
    static final String TEST_SETTINGS = "classpath:org/recgate/routes/route-tests.properties";
    static final String SETTINGS = "classpath:application.properties";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeanInject
    CamelContext context;

    @Produce
    ProducerTemplate template;

    @Configure
    void gateway(MainConfigurationProperties main) throws IOException {
        main.addConfiguration(new FreePortSettings(FreePorts.free("udp"), FreePorts.tcp()));
        main.addConfiguration(new RecGateConfiguration());
    }

    /** A T-Library client registered as {@code application} of the test DN file. */
    RouteClient client(String application) {
        return RouteClient.registered(context, template, application);
    }

    /** A bean of RecGateConfiguration, by the name the route files use. */
    <T> T bean(String name, Class<T> type) {
        return context.getRegistry().lookupByNameAndType(name, type);
    }

    String setting(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElseThrow();
    }

    MockEndpoint mock(String uri) {
        return context.getEndpoint("mock:" + uri, MockEndpoint.class);
    }

    /** A counter of the gateway's meters ({@code recgate_..._total} in /observe/metrics, docs/operations.md); 0 when absent. */
    double count(String name, String... tags) {
        MeterRegistry meters = bean(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        return Search.in(meters).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The records that reached {@code kafka:<topic>} (mocked) so far, in order. */
    List<PublishedRecord> published(String topic) {
        return mock("kafka:" + topic).getExchanges().stream().map(RouteTestSupport::record).toList();
    }

    /** Waits for the {@code n}-th record of the topic and returns the first {@code n}. */
    List<PublishedRecord> awaitPublished(String topic, int n) {
        await().atMost(TIMEOUT).until(() -> published(topic).size() >= n);
        return published(topic).subList(0, n);
    }

    private static PublishedRecord record(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof byte[] bytes)) {
            throw new AssertionError("kafka: got a " + (body == null ? "null" : body.getClass().getName())
                    + " body, not the JSON bytes marshal writes");
        }
        try {
            return new PublishedRecord(exchange.getMessage().getHeader("kafka.KEY", String.class),
                    JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { }), bytes);
        } catch (IOException e) {
            throw new AssertionError("kafka: got bytes that are not JSON", e);
        }
    }

    /** A record as the publisher sent it: its key and its JSON value. */
    record PublishedRecord(String key, Map<String, Object> value, byte[] bytes) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map(String field) {
            return (Map<String, Object>) value.get(field);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String field) {
            return (List<Map<String, Object>>) value.get(field);
        }
    }

    /**
     * The ports of this test's gateway: a free SIP port for the sip-recorder component (its stack
     * starts with the context) and a free T-Library port. Override properties, set before the
     * gateway's configuration reads them.
     */
    private record FreePortSettings(int sipPort, int tlibPort) implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.addOverrideProperty("recgate.sip.port", Integer.toString(sipPort));
            properties.addOverrideProperty("recgate.tlib.host", "127.0.0.1");
            properties.addOverrideProperty("recgate.tlib.port", Integer.toString(tlibPort));
        }
    }
}
