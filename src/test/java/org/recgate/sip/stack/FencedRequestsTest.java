package org.recgate.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.recgate.testing.FreePorts;

/**
 * Fencing at the user agent (docs/operations.md, "High availability", Fencing): while the
 * leadership lease is not held a request ends NOT_SENT, fenced, and nothing reaches the peer (a
 * UDP socket of the test's); once it is held again the same request goes out. A real JAIN-SIP stack.
 */
class FencedRequestsTest {

    private final AtomicBoolean held = new AtomicBoolean(false);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private SipUserAgent userAgent;

    @AfterEach
    void stop() {
        if (userAgent != null) {
            userAgent.stop();
        }
        worker.shutdownNow();
    }

    @Test
    void nothingGoesOutWithoutTheLeaseAndTheSameRequestGoesOutWithIt() throws Exception {
        userAgent = new SipUserAgent("127.0.0.1", FreePorts.free("udp"), "udp", worker,
                new UserAgentOptions(List.of(), UserAgentOptions.DEFAULT_MAX_MESSAGE_BYTES, null, new SimpleMeterRegistry(),
                        held::get));
        userAgent.start((event, transaction) -> { });
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(1000);
            SipOutcome fenced = options(peer).get(5, TimeUnit.SECONDS);
            assertEquals(SipOutcome.Kind.NOT_SENT, fenced.kind());
            assertTrue(fenced.isFenced(), fenced::describe);
            assertThrows(SocketTimeoutException.class, () -> peer.receive(new DatagramPacket(new byte[4096], 4096)),
                    "nothing reached the peer");

            held.set(true);
            options(peer);
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            peer.receive(packet);
            assertTrue(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).startsWith("OPTIONS sip:"));
        }
    }

    private java.util.concurrent.CompletableFuture<SipOutcome> options(DatagramSocket peer) throws Exception {
        Request options = userAgent.newRequest(Request.OPTIONS, userAgent.parseSipUri("sip:srs@127.0.0.1:" + peer.getLocalPort()),
                userAgent.address("recgate", "127.0.0.1"));
        return userAgent.sendInitial(options, null, 2000);
    }
}
