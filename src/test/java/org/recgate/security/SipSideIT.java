package org.recgate.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.Recordings.attachedData;
import static org.recgate.testing.Recordings.establish;
import static org.recgate.testing.Recordings.privateService;
import static org.recgate.testing.Recordings.recorderSettings;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.FreePorts;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;

/**
 * The gateway's SIP listening point against what no recorder of its own sends (docs/security.md,
 * SIP side), through the real gateway: a BYE forged with the right Call-ID and tags from another
 * port and another address, a stray INVITE, an oversized and a malformed datagram. Raw UDP
 * sockets play the attacker; sipp plays the recorder.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SipSideIT {

    private static final Pattern DIALOG = Pattern.compile("dialog (\\S+) (\\S+) (\\S+)");
    private static int sipPort;
    private static RunningGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(
                recorderSettings("sip:nobody@127.0.0.1:" + FreePorts.free("udp"), "udp"));
        gateway = RunningGateway.start(settings);
        sipPort = Integer.parseInt(settings.get("recgate.sip.port"));
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void aRecorderByeFromAForeignAddressDoesNotEndTheRecording() throws Exception {
        String call = "00000000000000e1";
        try (SippRecorder recorder = SippRecorder.start("srs_foreign_bye.xml", "udp");
             TlibTestClient feed = gateway.connectAs("switch");
             TlibTestClient desktop = gateway.connectAs("desktop")) {
            desktop.register("1001", null);
            establish(feed, call, "1001", "5000");
            JsonNode ack = desktop.request(privateService("GSIP_RECORD_START", "1001", call,
                    Map.of("dest", recorder.uri(), "id", "fb-1")));
            assertEquals("EventACK", ack.path("message").asText(), ack::toString);
            Matcher dialog = await().atMost(Duration.ofSeconds(10)).until(() -> recorder.logLines().stream()
                    .map(DIALOG::matcher).filter(Matcher::matches).findFirst().orElse(null), m -> m != null);
            String callId = dialog.group(1);
            String gatewayTag = dialog.group(2);
            String recorderTag = dialog.group(3);
            double before = metric("recgate_sip_requests_refused_total{reason=\"foreign-source\"}");

            for (String address : List.of("127.0.0.1", "127.0.0.2")) {
                try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(address, 0))) {
                    attacker.setSoTimeout(10_000);
                    String bye = "BYE sip:recgate@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP " + address + ":" + attacker.getLocalPort() + ";branch=z9hG4bK-forged-" + address + "\r\n"
                            + "From: <sip:srs@127.0.0.1>;tag=" + recorderTag + "\r\n"
                            + "To: <sip:recgate@127.0.0.1>;tag=" + gatewayTag + "\r\n"
                            + "Call-ID: " + callId + "\r\n"
                            + "CSeq: 5 BYE\r\n"
                            + "Max-Forwards: 70\r\n"
                            + "Content-Length: 0\r\n\r\n";
                    assertEquals(403, status(exchange(attacker, bye)), "the forged BYE from " + address);
                }
            }
            JsonNode info = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
            assertEquals("On", info.path("AttrUserData").path("GSIP_RECORD").asText(), info::toString);
            assertEquals("On", info.path("AttrExtensions").path("recordings").path("fb-1").path("state").asText(), info::toString);
            assertEquals(before + 2, metric("recgate_sip_requests_refused_total{reason=\"foreign-source\"}"));

            // the dialog is intact: the pause reaches the recorder, whose own BYE (CSeq 1) then ends it
            int mark = desktop.mark();
            assertEquals("EventACK", desktop.request(privateService("GSIP_RECORD_PAUSE", "1001", call, Map.of()))
                    .path("message").asText());
            desktop.awaitSince(mark, event -> attachedData(event, "Off"));
            recorder.assertPassed();
            JsonNode ended = desktop.request(message("RequestQueryCall").put("AttrConnectionID", call));
            assertEquals("recorder-failure", ended.path("AttrExtensions").path("recordings").path("fb-1").path("cause").asText());
        }
    }

    @Test
    void aStrayInviteIsRefusedWithoutADialog() throws Exception {
        double before = metric("recgate_sip_requests_refused_total{reason=\"out-of-dialog\"}");
        try (DatagramSocket caller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            caller.setSoTimeout(10_000);
            for (String toTag : new String[] {"", ";tag=made-up"}) {
                String invite = "INVITE sip:recgate@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.getLocalPort() + ";branch=z9hG4bK-stray" + toTag.length() + "\r\n"
                        + "From: <sip:caller@127.0.0.1>;tag=stray\r\n"
                        + "To: <sip:recgate@127.0.0.1>" + toTag + "\r\n"
                        + "Call-ID: stray-invite-" + toTag.length() + "\r\n"
                        + "CSeq: 1 INVITE\r\n"
                        + "Contact: <sip:caller@127.0.0.1:" + caller.getLocalPort() + ">\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n";
                String answer = exchange(caller, invite);
                assertEquals(403, status(answer), answer);
                assertTrue(Pattern.compile("(?m)^To: .*;tag=\\S+").matcher(answer).find(), "the 403 has a To tag: " + answer);
            }
        }
        assertEquals(before + 2, metric("recgate_sip_requests_refused_total{reason=\"out-of-dialog\"}"));
        assertEquals(0.0, metric("recgate_sip_dialogs"), "no dialog was made");
    }

    @Test
    void oversizedAndMalformedDatagramsAreDroppedAndCounted() throws Exception {
        double oversized = metric("recgate_sip_messages_dropped_total{reason=\"oversized\"}");
        double malformed = metric("recgate_sip_messages_dropped_total{reason=\"malformed\"}");
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress gatewaySip = new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
            String big = "OPTIONS sip:recgate@127.0.0.1 SIP/2.0\r\nX-Padding: " + "x".repeat(20_000) + "\r\n\r\n";
            byte[] bytes = big.getBytes(StandardCharsets.US_ASCII);
            sender.send(new DatagramPacket(bytes, bytes.length, gatewaySip));
            byte[] junk = "\u0001\u0002 not SIP at all\r\nFrom nowhere\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            sender.send(new DatagramPacket(junk, junk.length, gatewaySip));
        }
        await().atMost(Duration.ofSeconds(10)).until(
                () -> metric("recgate_sip_messages_dropped_total{reason=\"oversized\"}") == oversized + 1
                        && metric("recgate_sip_messages_dropped_total{reason=\"malformed\"}") == malformed + 1);
    }

    /** Sends a request from {@code socket} to the gateway's SIP port and returns the first final answer. */
    private static String exchange(DatagramSocket socket, String request) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", sipPort)));
        while (true) {
            DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
            socket.receive(packet);
            String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (status(answer) >= 200) {
                return answer;
            }
        }
    }

    private static int status(String answer) {
        Matcher line = Pattern.compile("^SIP/2\\.0 (\\d{3}) ").matcher(answer);
        return line.find() ? Integer.parseInt(line.group(1)) : -1;
    }

    private static double metric(String series) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.managementPort() + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : response.body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " is not in /observe/metrics");
    }
}
