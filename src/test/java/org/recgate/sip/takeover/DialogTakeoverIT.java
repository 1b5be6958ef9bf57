package org.recgate.sip.takeover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recgate.sip.SippRecorder;
import org.recgate.testing.FreePorts;

/**
 * A recorder dialog survives {@code kill -9} of the gateway process that set it up: a child JVM
 * ({@link TakeoverChild}, the gateway's own SIP user agent) starts and pauses a recording session
 * with sipp as the recorder, stores its {@link StoredDialog} in a file and is killed; a new SIP
 * stack on another port, knowing only that file, takes the dialog over with a target-refresh
 * re-INVITE ({@link DialogTakeover}), gets the recorder's next request, and hangs up. sipp checks
 * every request (CSeq jump, tags, Route, Request-URI, SDP version and direction); the test checks
 * that they came from the new process and what the takeover reports. The second test: the recorder
 * answers the takeover 481, and the takeover reports the dialog gone. docs/durable-state.md §1.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DialogTakeoverIT {

    private static final String HOST = TakeoverChild.HOST;

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void aNewProcessTakesTheDialogOverAfterKill9AndHangsUp(String transport, @TempDir Path dir) throws Exception {
        try (SippRecorder recorder = SippRecorder.start("takeover_reinvite.xml", transport);
             Proxy proxy = Proxy.inFrontOf(recorder, transport)) {
            int childPort = FreePorts.free(transport);
            StoredDialog stored = runAndKillChild(proxy.target(), transport, childPort, dir);

            int newPort = FreePorts.free(transport);
            try (TakeoverAgent agent = new TakeoverAgent(HOST, newPort, transport)) {
                TakeoverOutcome outcome = agent.takeOver(stored).get(10, TimeUnit.SECONDS);
                assertEquals(TakeoverOutcome.Kind.REASSERTED, outcome.kind(), outcome.describe());
                assertEquals(200, outcome.status());
                StoredDialog now = outcome.dialog();
                assertEquals(stored.callId(), now.callId());
                assertEquals(stored.localTag(), now.localTag());
                assertEquals(stored.remoteTag(), now.remoteTag());
                assertEquals(stored.routeSet(), now.routeSet(), "the route set does not change (RFC 3261 §12.2.1.2)");
                assertEquals(stored.localCseq() + TakeoverRequests.CSEQ_JUMP, now.localCseq());
                assertEquals(stored.sdpVersion() + 1, now.sdpVersion());
                assertTrue(now.sdpAnswer().contains("o=srs 1 3 "), now.sdpAnswer());
                Dialog dialog = outcome.stackDialog();
                assertEquals(DialogState.CONFIRMED, dialog.getState());
                assertEquals(stored.routeSet(), routesOf(dialog));
                assertEquals(StoredDialog.fromJson(now.toJson()), now);

                // the recorder's next request reaches this process and the stack finds the adopted dialog
                await().atMost(Duration.ofSeconds(10)).until(() -> !agent.requestsReceived().isEmpty());
                assertEquals(List.of("OPTIONS"), agent.requestsReceived());
                Response bye = agent.hangUp(dialog).get(10, TimeUnit.SECONDS);
                assertEquals(200, bye.getStatusCode());
            }
            recorder.assertPassed();

            List<String> log = recorder.logLines();
            assertEquals(List.of(
                    "invite from-tag=" + stored.localTag() + " contact-port=" + childPort,
                    "takeover from-tag=" + stored.localTag() + " contact-port=" + newPort + " via-port=" + newPort,
                    "bye via-port=" + newPort), log);
            assertNotEquals(childPort, newPort);
        }
    }

    @Test
    void aRecorderThatNoLongerKnowsTheDialogAnswers481AndTheTakeoverReportsItGone(@TempDir Path dir) throws Exception {
        String transport = "udp";
        try (SippRecorder recorder = SippRecorder.start("takeover_gone.xml", transport)) {
            StoredDialog stored = runAndKillChild(recorder.uri(), transport, FreePorts.free(transport), dir);
            try (TakeoverAgent agent = new TakeoverAgent(HOST, FreePorts.free(transport), transport)) {
                TakeoverOutcome outcome = agent.takeOver(stored).get(10, TimeUnit.SECONDS);
                assertEquals(TakeoverOutcome.Kind.GONE, outcome.kind(), outcome.describe());
                assertEquals(481, outcome.status());
                assertEquals(stored, outcome.dialog(), "reports the state it started from, for a new session");
                assertNull(outcome.stackDialog());
                recorder.assertPassed();
                assertEquals(List.of(), agent.requestsReceived());
            }
        }
    }

    /**
     * Where the gateway sends the recording's INVITE: over UDP sipp itself, which plays the
     * record-routing proxy too; over TCP a {@link TcpRelay} in front of it, whose connection to
     * sipp outlives the killed process's. The proxy's address is the Request-URI's, which sipp puts
     * in its Record-Route.
     */
    private record Proxy(String target, TcpRelay relay) implements AutoCloseable {

        static Proxy inFrontOf(SippRecorder recorder, String transport) throws IOException {
            if (!"tcp".equals(transport)) {
                return new Proxy(recorder.uri(), null);
            }
            String address = recorder.uri().substring("sip:srs@".length());
            TcpRelay relay = new TcpRelay(HOST, Integer.parseInt(address.substring(address.indexOf(':') + 1)));
            return new Proxy("sip:srs@" + HOST + ":" + relay.port() + ";transport=tcp", relay);
        }

        @Override
        public void close() throws IOException {
            if (relay != null) {
                relay.close();
            }
        }
    }

    /**
     * Runs {@link TakeoverChild} until it has set up and paused the session with the recorder at
     * {@code target}, checks what it stored after the INVITE and after the re-INVITE, kills it with
     * SIGKILL and returns the last.
     */
    private static StoredDialog runAndKillChild(String target, String transport, int port, Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlog4j2.shutdownHookEnabled=false", TakeoverChild.class.getName(),
                target, transport, Integer.toString(port), dir.toString()))
                .redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> output.contains(TakeoverChild.READY) || !child.isAlive());
            assertTrue(child.isAlive(), () -> "the child stopped: " + output);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no BYE
        }
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL (128 + 9)");

        StoredDialog afterInvite = StoredDialog.fromJson(Files.readString(dir.resolve("stored-1.json")));
        StoredDialog afterPause = StoredDialog.fromJson(Files.readString(dir.resolve("stored-2.json")));
        assertEquals(1, afterInvite.localCseq());
        assertEquals(1, afterInvite.sdpVersion());
        assertEquals(2, afterPause.localCseq());
        assertEquals(2, afterPause.sdpVersion());
        assertTrue(afterPause.sdpOffer().contains("a=inactive"), afterPause.sdpOffer());
        assertEquals(afterInvite.callId(), afterPause.callId());
        assertEquals(afterInvite.remoteTag(), afterPause.remoteTag());
        String proxyAddress = target.substring("sip:srs@".length()).split(";")[0];
        assertEquals(1, afterPause.routeSet().size(), afterPause.routeSet()::toString);
        assertTrue(afterPause.routeSet().get(0).startsWith("<sip:proxy@" + proxyAddress + ";"), afterPause.routeSet()::toString);
        assertEquals(target, afterPause.recorder());
        return afterPause;
    }

    private static List<String> routesOf(Dialog dialog) {
        List<String> routes = new ArrayList<>();
        for (Iterator<?> it = dialog.getRouteSet(); it.hasNext(); ) {
            String text = it.next().toString().trim();
            routes.add(text.substring(text.indexOf(':') + 1).trim());
        }
        return routes;
    }
}
