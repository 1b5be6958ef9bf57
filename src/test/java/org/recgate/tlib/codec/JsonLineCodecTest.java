package org.recgate.tlib.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.TlibMessage;

/** The inbound pipeline (line framing + JSON) on an {@link EmbeddedChannel}: partial, oversized and garbage input. */
class JsonLineCodecTest {

    private static final int MAX = 256;
    private final EmbeddedChannel channel = new EmbeddedChannel(new JsonLineFrameDecoder(MAX), new TlibMessageDecoder());

    private void write(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    private TlibMessage readMessage() {
        return assertInstanceOf(TlibMessage.class, channel.readInbound());
    }

    private FrameError readError() {
        return assertInstanceOf(FrameError.class, channel.readInbound());
    }

    @Test
    void aLineInPiecesIsOneMessage() {
        write("{\"message\":\"RequestRegis");
        assertNull(channel.readInbound(), "nothing before the newline");
        write("terClient\",\"AttrReferenceID\"");
        write(":7}\n");
        TlibMessage message = readMessage();
        assertEquals("RequestRegisterClient", message.name());
        assertEquals(7L, message.referenceId());
    }

    @Test
    void crlfIsTolerated() {
        write("{\"message\":\"A\"}\r\n{\"message\":\"B\"}\n");
        assertEquals("A", readMessage().name());
        assertEquals("B", readMessage().name());
    }

    @Test
    void severalMessagesInOneReadComeOutInOrder() {
        write("{\"message\":\"A\"}\n{\"message\":\"B\"}\n{\"message\":\"C\"}\n");
        assertEquals("A", readMessage().name());
        assertEquals("B", readMessage().name());
        assertEquals("C", readMessage().name());
        assertNull(channel.readInbound());
    }

    @Test
    void utf8CharacterSplitAcrossReadsIsWhole() {
        byte[] line = "{\"message\":\"EventUserEvent\",\"AttrUserData\":{\"note\":\"Grüße €\"}}\n".getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(line, (byte) 0xE2); // first byte of the 3-byte euro sign
        write(Arrays.copyOfRange(line, 0, euro + 1));
        write(Arrays.copyOfRange(line, euro + 1, euro + 2));
        write(Arrays.copyOfRange(line, euro + 2, line.length));
        assertEquals("Grüße €", readMessage().kvList("AttrUserData").get("note"));
    }

    @Test
    void blankLinesAreSkipped() {
        write("\n  \r\n\t\n{\"message\":\"A\"}\n");
        assertEquals("A", readMessage().name());
        assertNull(channel.readInbound());
    }

    @Test
    void oversizedLineIsReportedOnceAndTheNextLineWorks() {
        String big = "{\"message\":\"A\",\"x\":\"" + "y".repeat(2 * MAX) + "\"}";
        write(big.substring(0, 100));
        write(big.substring(100, 300)); // past the limit: reported now, without waiting for the newline
        assertTrue(readError().reason().contains("longer than " + MAX));
        write(big.substring(300) + "\n{\"message\":\"B\"}\n");
        assertEquals("B", readMessage().name());
        assertNull(channel.readInbound(), "the rest of the long line is discarded, not parsed");
    }

    @Test
    void oversizedLineInOneReadIsReportedAndSkipped() {
        write("{\"message\":\"" + "A".repeat(MAX) + "\"}\n{\"message\":\"B\"}\n");
        readError();
        assertEquals("B", readMessage().name());
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        String prefix = "{\"message\":\"";
        String line = prefix + "A".repeat(MAX - prefix.length() - 2) + "\"}";
        assertEquals(MAX, line.length());
        write(line + "\r\n");
        assertEquals(MAX - prefix.length() - 2, readMessage().name().length());
    }

    @Test
    void garbageGivesAFrameErrorAndTheConnectionGoesOn() {
        write("not json\n");
        assertTrue(readError().reason().contains("not valid JSON"));
        write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, '\n'});
        readError();
        write("[1,2,3]\n");
        assertTrue(readError().reason().contains("not an object"));
        write("{\"AttrReferenceID\":5}\n");
        FrameError noMessage = readError();
        assertTrue(noMessage.reason().contains("\"message\""));
        assertEquals(5L, noMessage.referenceId(), "a usable ReferenceID is kept for the reply");
        write("{\"message\":\"A\"}\n");
        assertEquals("A", readMessage().name());
        assertTrue(channel.isActive());
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
