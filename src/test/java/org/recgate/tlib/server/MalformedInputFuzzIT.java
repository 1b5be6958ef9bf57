package org.recgate.tlib.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.recgate.testing.RunningGateway;
import org.recgate.testing.TlibTestClient;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 random and mutated lines against the live gateway: every line gets exactly one answer
 * (random bytes and oversized lines an EventError 53), the gateway stays up, and a well-behaved
 * client working at the same time is never disturbed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MalformedInputFuzzIT {

    private static final int LINES = 10_000;
    private static final int BATCH = 250;
    private static final int MAX_LINE = 4096;
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

    private static final String[] VALID = {
            "{\"message\":\"RequestRegisterAddress\",\"AttrReferenceID\":11,\"AttrThisDN\":\"1001\",\"AttrRegisterMode\":\"Share\"}",
            "{\"message\":\"RequestUnregisterAddress\",\"AttrReferenceID\":12,\"AttrThisDN\":\"1001\"}",
            "{\"message\":\"RequestPrivateService\",\"AttrReferenceID\":13,\"AttrPrivateMsgID\":\"GSIP_RECORD_START\",\"AttrThisDN\":\"1001\",\"AttrConnectionID\":\"00a1b2c3d4e5f607\",\"AttrExtensions\":{\"record\":\"source\",\"params\":{\"a\":\"1\",\"n\":2}}}",
            "{\"message\":\"RequestSendEvent\",\"AttrReferenceID\":14,\"AttrThisDN\":\"1001\",\"AttrEvent\":{\"message\":\"EventUserEvent\",\"AttrThisDN\":\"1001\",\"AttrUserData\":{\"screen-capture\":\"start\"}}}",
            "{\"message\":\"RequestQueryCall\",\"AttrReferenceID\":15,\"AttrConnectionID\":\"00A1B2C3D4E5F607\"}",
    };
    private static final String[] ODD_VALUES = {"null", "true", "-1", "0", "1.5e300", "\"\"", "[]", "{}", "\"\\u0000\"",
            "{\"$binary\":\"@@\"}", "99999999999999999999999", "\"é€𝄞\"", "{\"a\":{\"b\":{\"c\":[]}}}"};

    private final Random random = new Random(SEED);

    @Test
    void everyBadLineIsAnsweredAndNothingElseIsDisturbed() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(java.util.Map.of("recgate.tlib.max-line-bytes", Integer.toString(MAX_LINE),
                // the fuzzer sends as fast as it can: the request rate limit is not under test here
                "recgate.tlib.max-requests-per-second", "100000000", "recgate.tlib.max-request-burst", "100000000"));
             TlibTestClient fuzzer = gateway.connectAs("desktop");
             TlibTestClient bystander = gateway.connectAs("desktop-2")) {
            AtomicBoolean fuzzing = new AtomicBoolean(true);
            CompletableFuture<Integer> bystanderWork = CompletableFuture.supplyAsync(() -> behave(bystander, fuzzing));

            int garbageAnsweredWith53 = 0;
            for (int sent = 0; sent < LINES; sent += BATCH) {
                List<Boolean> garbage = new ArrayList<>();
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < BATCH; i++) {
                    boolean isGarbage = random.nextInt(3) == 0;
                    batch.append(isGarbage ? garbageLine() : mutatedLine()).append('\n');
                    garbage.add(isGarbage);
                }
                fuzzer.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
                for (boolean isGarbage : garbage) {
                    JsonNode answer = fuzzer.next(); // one answer per line, in order
                    assertFalse(answer.path("message").asText().isEmpty(), () -> "seed " + SEED + ": " + answer);
                    if (isGarbage) {
                        assertEquals("EventError", answer.path("message").asText(), () -> "seed " + SEED + ": " + answer);
                        assertEquals(53, answer.path("AttrErrorCode").asInt(), () -> "seed " + SEED + ": " + answer);
                        garbageAnsweredWith53++;
                    }
                }
            }
            fuzzing.set(false);
            int bystanderRequests = bystanderWork.get(60, TimeUnit.SECONDS);

            assertTrue(garbageAnsweredWith53 > LINES / 5, "a real share of the lines were garbage");
            assertTrue(bystanderRequests > 0, "the bystander worked during the fuzzing");
            assertFalse(fuzzer.isClosed(), "the fuzzing client is still connected");
            try (TlibTestClient late = gateway.connectAs("cli")) {
                assertEquals("EventRegistered", late.register("1001", null).path("message").asText(), "the gateway is up");
            }
        }
    }

    /** Registers and unregisters in a loop; every answer must be exactly the right one. */
    private static int behave(TlibTestClient client, AtomicBoolean fuzzing) {
        int requests = 0;
        try {
            while (fuzzing.get() || requests == 0) {
                JsonNode registered = client.request(message("RequestRegisterAddress").put("AttrThisDN", "1002"));
                assertEquals("EventRegistered", registered.path("message").asText(), registered::toString);
                JsonNode unregistered = client.request(message("RequestUnregisterAddress").put("AttrThisDN", "1002"));
                assertEquals("EventUnregistered", unregistered.path("message").asText(), unregistered::toString);
                requests += 2;
            }
            assertNull(unexpected(client), "no event the bystander did not ask for");
            return requests;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode unexpected(TlibTestClient client) {
        return client.received().stream()
                .filter(e -> !e.path("message").asText().matches("EventRegistered|EventUnregistered|EventServerInfo"))
                .findFirst().orElse(null);
    }

    /** Random bytes (any but a newline), never all blank; sometimes longer than the line limit. */
    private String garbageLine() {
        int length = random.nextInt(20) == 0 ? MAX_LINE + 1 + random.nextInt(MAX_LINE) : 1 + random.nextInt(120);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '{' && i == 0) {
                bytes[i] = '#';
            }
        }
        bytes[0] = '#'; // never a JSON object, never blank
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A valid request with a few random edits: characters deleted, inserted, replaced, values swapped. */
    private String mutatedLine() {
        StringBuilder line = new StringBuilder(VALID[random.nextInt(VALID.length)]);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && line.length() > 1; e++) {
            int at = random.nextInt(line.length());
            switch (random.nextInt(5)) {
                case 0 -> line.deleteCharAt(at);
                case 1 -> line.insert(at, "{}[]\":,\\ \r\t\u0000aZ9é€𝄞".charAt(random.nextInt(18)));
                case 2 -> line.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> swapAValue(line);
                default -> line.setLength(at);
            }
        }
        String mutated = line.toString().replace('\n', ' ');
        return mutated.isBlank() ? "x" + mutated : mutated; // a blank line gets no answer, by design
    }

    private void swapAValue(StringBuilder line) {
        int colon = line.indexOf(":", random.nextInt(line.length()));
        if (colon < 0) {
            return;
        }
        int end = colon + 1;
        while (end < line.length() && ",}".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        line.replace(colon + 1, end, ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
    }
}
