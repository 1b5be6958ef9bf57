package org.recgate.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.recgate.RecGate;
import org.recgate.sip.SippRecorder;

/**
 * The real gateway, started in this JVM on free ports, with the real route files. Either started at
 * once ({@link #start()}), or one per test class as an extension:
 * {@code @RegisterExtension static final RunningGateway gateway = RunningGateway.perClass();}
 */
public final class RunningGateway implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String TEST_DN_FILE = "src/test/resources/dns-test.yaml";
    private static final String[] TOPICS = {"indications", "user-events", "audit", "call-events", "state"};

    private final RecGate gate;
    private final int tlibPort;
    private final int managementPort;
    private final int apiPort;

    private RunningGateway(Map<String, String> overrides) throws Exception {
        this.tlibPort = FreePorts.tcp();
        this.managementPort = FreePorts.tcp();
        this.apiPort = FreePorts.tcp();
        Map<String, String> settings = new HashMap<>();
        settings.put("recgate.tlib.host", "127.0.0.1");
        settings.put("recgate.tlib.port", Integer.toString(tlibPort));
        settings.put("camel.management.port", Integer.toString(managementPort));
        settings.put("camel.management.host", "127.0.0.1");
        settings.put("recgate.api.port", Integer.toString(apiPort));
        settings.put("recgate.dn-file", TEST_DN_FILE);
        // every test client comes from 127.0.0.1: the login lockout (5 failures a minute) would lock a
        // whole test class out; LoginThrottlingIT sets its own limits
        settings.put("recgate.tlib.login.max-failures", "1000");
        // the tests drive clients as fast as they can; ListenerLimitsIT sets its own request rate
        settings.put("recgate.tlib.max-requests-per-second", "1000000");
        settings.put("recgate.tlib.max-request-burst", "1000000");
        // gateways of a run must not share 5062, 5070 or ./data
        settings.put("recgate.sip.port", Integer.toString(FreePorts.free("udp")));
        settings.put("recgate.demo-recorder.port", Integer.toString(FreePorts.free("udp")));
        settings.put("recgate.data-dir", Files.createTempDirectory("recgate-data").toString());
        settings.put("recgate.kafka.brokers", TestKafka.bootstrapServers());
        settings.put("recgate.kafka.group-id", "recgate-" + tlibPort);
        // topics of this gateway alone: the tests of a run share one broker
        for (String topic : TOPICS) {
            settings.put("recgate.kafka.topic." + topic, topic(topic));
        }
        settings.putAll(overrides);
        this.gate = RecGate.create(settings);
    }

    /** A gateway the test class's extension starts before its first test and stops after its last. */
    public static RunningGateway perClass() {
        return perClass(Map.of());
    }

    /** The same with settings of the test class on top of the tests' own. */
    public static RunningGateway perClass(Map<String, String> overrides) {
        try {
            return new RunningGateway(overrides);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the gateway", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        gate.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public static RunningGateway start() throws Exception {
        return start(Map.of());
    }

    public static RunningGateway start(Map<String, String> overrides) throws Exception {
        RunningGateway gateway = new RunningGateway(overrides);
        gateway.gate.start();
        return gateway;
    }

    /** The gateway loading (and reloading) its route files from {@code routesDir}. */
    public static RunningGateway withRoutesDir(Path routesDir) throws Exception {
        return start(Map.of("recgate.routes-dir", routesDir.toString()));
    }

    public int tlibPort() {
        return tlibPort;
    }

    /** This gateway's name of a topic: {@code indications}, {@code user-events}, {@code audit} or {@code call-events}. */
    public String topic(String topic) {
        return "test-" + tlibPort + "-" + topic;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The REST API's port (docs/api.md). */
    public int apiPort() {
        return apiPort;
    }

    public TlibTestClient connect() throws IOException {
        return TlibTestClient.connect("127.0.0.1", tlibPort);
    }

    /** A client registered as {@code application} (no password in the test DN file unless given). */
    public TlibTestClient connectAs(String application) throws IOException {
        TlibTestClient client = connect();
        client.registerClient(application, null);
        return client;
    }

    public RecGate gate() {
        return gate;
    }

    /** GET on the management port ({@code /observe/health?exposureLevel=full}, {@code /observe/metrics}). */
    public HttpResponse<String> http(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter of the gateway's registry ({@code recgate.kafka.records.dropped} …) with these tags; 0 when absent. */
    public double counter(String name, String... tags) {
        MeterRegistry meters = gate.context().getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0.0 : counter.count();
    }

    /** A gauge of the gateway's registry with these tags; NaN when absent. */
    public double gauge(String name, String... tags) {
        MeterRegistry meters = gate.context().getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        Gauge gauge = meters.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Override
    public void close() throws Exception {
        gate.stop();
    }

}
