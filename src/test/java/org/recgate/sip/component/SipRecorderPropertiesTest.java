package org.recgate.sip.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.recgate.testing.FreePorts;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.Dialect;

/**
 * {@code camel.component.sip-recorder.*} reaches the component the way the gateway starts it:
 * Camel main finds {@code sip-recorder} by its scheme (no {@code addComponent}), binds the
 * properties to its options, and the SIP stack listens where they say (a TCP connect proves it).
 */
class SipRecorderPropertiesTest {

    private Main main;

    @AfterEach
    void stop() throws Exception {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void camelMainBindsComponentProperties() throws Exception {
        int port = FreePorts.free("tcp");
        start(Map.of("camel.component.sip-recorder.host", "127.0.0.1",
                "camel.component.sip-recorder.port", Integer.toString(port),
                "camel.component.sip-recorder.transport", "tcp",
                "camel.component.sip-recorder.timeout-ms", "750",
                "camel.component.sip-recorder.dialect", "msml",
                "camel.component.sip-recorder.from-user", "rec",
                "camel.component.sip-recorder.msml-max-time", "60s"));
        SipRecorderConfiguration options = component().getConfiguration();
        assertEquals(port, options.getPort());
        assertEquals("tcp", options.getTransport());
        assertEquals(750, options.getTimeoutMs());
        assertEquals(Dialect.MSML, options.getDialect());
        assertEquals("rec", options.getFromUser());
        assertEquals("60s", options.getMsmlMaxTime());
        SipRecorderConfiguration endpoint = main.getCamelContext()
                .getEndpoint("sip-recorder:session", SipRecorderEndpoint.class).getConfiguration();
        assertEquals(750, endpoint.getTimeoutMs(), "endpoints start from the component's options");
        assertListening(port);
    }

    /** The lines of application.properties that keep recgate.sip.*, recgate.recorder.timeout-ms and recgate.msml.* working. */
    @Test
    void theDocumentedRecgateKeysAreAliasesOfTheComponentOptions() throws Exception {
        Properties bundled = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            bundled.load(in);
        }
        Properties initial = new Properties();
        bundled.stringPropertyNames().stream()
                .filter(key -> key.startsWith("recgate.") || key.startsWith("camel.component.sip-recorder."))
                .forEach(key -> initial.setProperty(key, bundled.getProperty(key)));
        int port = FreePorts.free("tcp");
        initial.setProperty("recgate.sip.port", Integer.toString(port));
        initial.setProperty("recgate.sip.transport", "tcp");
        initial.setProperty("recgate.recorder.timeout-ms", "1234");
        initial.setProperty("recgate.msml.content-type", "application/xml");
        initial.setProperty("recgate.msml.record-dest", "http://store.example.com/{recordingId}/{record}.wav");
        initial.setProperty("recgate.msml.record-format", "audio/wav;codecs=mulaw");
        initial.setProperty("recgate.msml.max-time", "90s");
        initial.setProperty("recgate.recorder.uri", "sip:srs@127.0.0.1:5999,sip:srs@127.0.0.1:5998");
        initial.setProperty("recgate.recorder.keepalive-ms", "0");
        initial.setProperty("recgate.recorder.keepalive-failures", "4");
        start(initial);
        SipRecorderConfiguration options = component().getConfiguration();
        assertEquals(List.of("127.0.0.1", port, "tcp", 1234L, "application/xml",
                        "http://store.example.com/{recordingId}/{record}.wav", "audio/wav;codecs=mulaw", "90s"),
                List.of(options.getHost(), options.getPort(), options.getTransport(), options.getTimeoutMs(),
                        options.getMsmlContentType(), options.getMsmlRecordDest(), options.getMsmlRecordFormat(),
                        options.getMsmlMaxTime()),
                "recgate.sip.host/port/transport, recgate.recorder.timeout-ms, recgate.msml.*");
        assertEquals(List.of(List.of("sip:srs@127.0.0.1:5999", "sip:srs@127.0.0.1:5998"), 0L, 4),
                List.of(options.keepaliveRecorderList(), options.getKeepaliveMs(), options.getKeepaliveFailures()),
                "recgate.recorder.uri and recgate.recorder.keepalive-*");
        assertListening(port);
    }

    /** A Camel main with these properties only: not the gateway's application.properties, no routes. */
    private void start(Map<?, ?> properties) throws Exception {
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        Properties initial = new Properties();
        initial.putAll(properties);
        main.setInitialProperties(initial);
        main.start();
    }

    private SipRecorderComponent component() {
        return assertInstanceOf(SipRecorderComponent.class, main.getCamelContext().getComponent("sip-recorder", false));
    }

    private static void assertListening(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertEquals(port, socket.getPort());
        }
    }
}
