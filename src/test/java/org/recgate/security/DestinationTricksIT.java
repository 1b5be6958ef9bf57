package org.recgate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * Each destination trick of issue 14 through the real gateway (docs/security.md,
 * Destinations): refused with 2004 while a socket listens on the address and port the SIP stack
 * would have sent to, and nothing reaches it. The allowlist is the default one: exactly the
 * configured recorder (a sipp), host and port. That recorder, named as {@code dest}, still records.
 * <p>
 * Nothing is waited for to see that nothing came: each refusal is answered before anything could
 * be sent, and the sockets are read (without blocking) only after a whole recording with the
 * allowed recorder, whose INVITE and BYE went out after every refused request.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DestinationTricksIT {

    private static int port(DatagramChannel channel) throws Exception {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static DatagramChannel udp(String address) throws Exception {
        DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress(address, 0));
        channel.configureBlocking(false);
        return channel;
    }

    @Test
    void eachTrickIs2004AndNothingReachesWhereTheStackWouldHaveSentIt() throws Exception {
        try (SippRecorder recorder = SippRecorder.start("srs_answer.xml", "udp", "-timeout", "90s");
             DatagramChannel two = udp("127.0.0.2");
             DatagramChannel three = udp("127.0.0.3");
             DatagramChannel otherPort = udp("127.0.0.1");
             DatagramChannel plain = udp("127.0.0.1");
             ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            tcp.configureBlocking(false);
            int tcpPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            Map<String, String> tricks = new LinkedHashMap<>();
            tricks.put("sip:127.0.0.1;x@127.0.0.2:" + port(two), "the user part names the allowed host");
            tricks.put("sip:srs@127.0.0.1:" + port(three) + ";maddr=127.0.0.3", "maddr");
            tricks.put("sip:srs@127.0.0.1:" + port(otherPort), "the allowed host, another port");
            tricks.put("sips:srs@127.0.0.1:" + port(plain), "sips: without SIP over TLS");
            tricks.put("sip:srs@127.0.0.1:" + tcpPort + ";transport=tcp", "another transport");
            tricks.put(recorder.uri() + "?Route=%3Csip:srs@127.0.0.2:" + port(two) + "%3E", "URI headers");

            Map<String, String> settings = new HashMap<>(recorderSettings(recorder.uri(), "udp"));
            settings.put("recgate.recorder.allowed-hosts", ""); // the default: exactly the recorder above
            try (RunningGateway gateway = RunningGateway.start(settings);
                 TlibTestClient feed = gateway.connectAs("switch");
                 TlibTestClient desktop = gateway.connectAs("desktop")) {
                desktop.register("1001", null);
                establish(feed, "00000000000000d1", "1001", "5000");
                for (Map.Entry<String, String> trick : tricks.entrySet()) {
                    for (String key : new String[] {"dest", "dest2"}) {
                        Map<String, String> extensions = new HashMap<>(Map.of(key, trick.getKey()));
                        if (key.equals("dest2")) {
                            extensions.put("dest", recorder.uri());
                        }
                        JsonNode refused = desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000000000d1",
                                extensions));
                        assertEquals(2004, refused.path("AttrErrorCode").asInt(), () -> trick.getValue() + " as " + key
                                + ": " + refused);
                        assertTrue(refused.path("AttrErrorMessage").asText().startsWith("AttrExtensions: " + key + " "),
                                refused::toString);
                    }
                }
                JsonNode none = desktop.request(message("RequestQueryCall").put("AttrConnectionID", "00000000000000d1"));
                assertEquals(0, none.path("AttrExtensions").path("recordings").size(), "a refused START leaves nothing");

                JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "1001", "00000000000000d1",
                        Map.of("dest", recorder.uri())));
                assertEquals("EventACK", ack.path("message").asText(), "the allowed recorder records: " + ack);
                assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_STOP", "1001", "00000000000000d1",
                        Map.of())).path("message").asText());
                recorder.assertPassed();
            }
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            for (DatagramChannel target : new DatagramChannel[] {two, three, otherPort, plain}) {
                assertNull(target.receive(buffer), () -> "a datagram reached " + describe(target));
            }
            assertNull(tcp.accept(), "a TCP connection reached 127.0.0.1:" + tcpPort);
        }
    }

    private static String describe(DatagramChannel channel) {
        try {
            return channel.getLocalAddress().toString();
        } catch (Exception e) {
            return channel.toString();
        }
    }
}
