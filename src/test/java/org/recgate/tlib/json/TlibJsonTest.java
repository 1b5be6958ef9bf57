package org.recgate.tlib.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.recgate.tlib.codec.JsonLineFrameDecoder;
import org.recgate.tlib.codec.TlibMessageDecoder;
import org.recgate.tlib.codec.TlibMessageEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.Binary;
import org.recgate.tlib.model.FrameError;
import org.recgate.tlib.model.TlibMessage;

/** Every kind of message survives encoder → line → decoder; every wrong attribute type is named. */
class TlibJsonTest {

    private static final String CONN = "00a1b2c3d4e5f607";

    static Stream<TlibMessage> everyKindOfMessage() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", "1");
        nested.put("n", 42L);
        nested.put("blob", new Binary(new byte[] {0, 1, (byte) 0xff}));
        Map<String, Object> userData = new LinkedHashMap<>();
        userData.put("screen-capture", "start");
        userData.put("GSIP_RECORD", "On");
        userData.put("nested", nested);
        return Stream.of(
                TlibMessage.of("RequestRegisterClient").with(Attr.REFERENCE_ID, 1).with(Attr.APPLICATION_NAME, "desktop")
                        .with(Attr.APPLICATION_PASSWORD, "pw").with(Attr.PROTOCOL_VERSION, 1),
                TlibMessage.of("RequestRegisterAddress").with(Attr.REFERENCE_ID, 2).with(Attr.THIS_DN, "1001")
                        .with(Attr.REGISTER_MODE, "Private"),
                TlibMessage.of("RequestUnregisterAddress").with(Attr.REFERENCE_ID, 3).with(Attr.THIS_DN, "a.b@c+d*#_-"),
                TlibMessage.of("RequestPrivateService").with(Attr.REFERENCE_ID, 4).with(Attr.PRIVATE_MSG_ID, "GSIP_RECORD_START")
                        .with(Attr.THIS_DN, "1001").with(Attr.CONNECTION_ID, CONN)
                        .with(Attr.EXTENSIONS, Map.of("record", "destination", "params", nested))
                        .with(Attr.REASONS, Map.of("why", "qa")),
                TlibMessage.of("RequestPrivateService").with(Attr.REFERENCE_ID, 5).with(Attr.PRIVATE_MSG_ID, 3014)
                        .with(Attr.THIS_DN, "1001").with(Attr.CONNECTION_ID, CONN),
                TlibMessage.of("RequestSendEvent").with(Attr.REFERENCE_ID, 6).with(Attr.THIS_DN, "1001")
                        .with(Attr.EVENT, TlibMessage.of("EventUserEvent").with(Attr.THIS_DN, "1001")
                                .with(Attr.CONNECTION_ID, CONN).with(Attr.USER_DATA, userData)),
                TlibMessage.of("RequestRouteCall").with(Attr.REFERENCE_ID, 7).with(Attr.THIS_DN, "7000")
                        .with(Attr.CONNECTION_ID, CONN).with(Attr.OTHER_DN, "1001")
                        .with(Attr.EXTENSIONS, Map.of("record", "source")),
                TlibMessage.of("RequestQueryCall").with(Attr.REFERENCE_ID, 8).with(Attr.CONNECTION_ID, CONN),
                TlibMessage.of("EventEstablished").with(Attr.CONNECTION_ID, CONN).with(Attr.THIS_DN, "1001")
                        .with(Attr.OTHER_DN, "5000").with(Attr.CALL_TYPE, "Inbound").with(Attr.CALL_UUID, "UUID-1")
                        .with(Attr.ANI, "+15551234").with(Attr.DNIS, "800"),
                TlibMessage.of("EventPartyChanged").with(Attr.CONNECTION_ID, CONN).with(Attr.PREVIOUS_CONN_ID, CONN)
                        .with(Attr.THIS_DN, "5000").with(Attr.OTHER_DN, "1002").with(Attr.THIRD_PARTY_DN, "1001"),
                TlibMessage.of("EventReleased").with(Attr.CONNECTION_ID, CONN).with(Attr.THIS_DN, "1001"),
                TlibMessage.of("EventServerInfo").with(Attr.REFERENCE_ID, 1).with(Attr.SERVER_NAME, "RecGate")
                        .with(Attr.SERVER_VERSION, "1.0").with(Attr.PROTOCOL_VERSION, 1).with(Attr.CLIENT_ID, 9),
                TlibMessage.of("EventRegistered").with(Attr.REFERENCE_ID, 2).with(Attr.THIS_DN, "1001")
                        .with(Attr.EXTENSIONS, Map.of("screen-capture", "enabled")),
                TlibMessage.of("EventUnregistered").with(Attr.REFERENCE_ID, 3).with(Attr.THIS_DN, "1001"),
                TlibMessage.of("EventACK").with(Attr.REFERENCE_ID, 4).with(Attr.THIS_DN, "1001")
                        .with(Attr.CONNECTION_ID, CONN).with(Attr.EXTENSIONS, Map.of("id", "rec-1")),
                TlibMessage.of("EventError").with(Attr.REFERENCE_ID, 5).with(Attr.ERROR_CODE, 43)
                        .with(Attr.ERROR_MESSAGE, "stop while off"),
                TlibMessage.of("EventUserEvent").with(Attr.THIS_DN, "1001").with(Attr.USER_DATA, userData),
                TlibMessage.of("EventAttachedDataChanged").with(Attr.CONNECTION_ID, CONN).with(Attr.THIS_DN, "1001")
                        .with(Attr.USER_DATA, Map.of("GSIP_RECORD", "Paused", "GSIP_REC_FN", "x_1001.wav")),
                TlibMessage.of("EventPartyInfo").with(Attr.REFERENCE_ID, 8).with(Attr.CONNECTION_ID, CONN)
                        .with(Attr.USER_DATA, Map.of("GSIP_RECORD", "Off")));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfMessage")
    void roundTrips(TlibMessage message) {
        EmbeddedChannel out = new EmbeddedChannel(new TlibMessageEncoder());
        out.writeOutbound(message);
        ByteBuf line = out.readOutbound();
        String text = line.toString(StandardCharsets.UTF_8);
        line.release();
        assertTrue(text.endsWith("}\n"), text);

        EmbeddedChannel in = new EmbeddedChannel(new JsonLineFrameDecoder(65536), new TlibMessageDecoder());
        in.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        TlibMessage decoded = assertInstanceOf(TlibMessage.class, in.readInbound());
        assertEquals(1L, decoded.number(Attr.EVENT_SEQUENCE_NUMBER));
        assertEquals(message.time().getEpochSecond(), decoded.number(Attr.TIME_IN_SECS));
        assertEquals(message.time().getNano() / 1000, decoded.number(Attr.TIME_IN_USECS));
        TlibMessage withoutStamps = TlibMessage.of(decoded.name());
        decoded.attributes().forEach((k, v) -> {
            if (!List.of(Attr.EVENT_SEQUENCE_NUMBER, Attr.TIME_IN_SECS, Attr.TIME_IN_USECS).contains(k)) {
                withoutStamps.with(k, v);
            }
        });
        assertEquals(message, withoutStamps);
    }

    @Test
    void sequenceNumbersIncreaseAcrossEvents() {
        EmbeddedChannel out = new EmbeddedChannel(new TlibMessageEncoder());
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            out.writeOutbound(TlibMessage.of("EventACK").with(Attr.REFERENCE_ID, i + 1));
            ByteBuf line = out.readOutbound();
            TlibMessage event = (TlibMessage) TlibJson.read(io.netty.buffer.ByteBufUtil.getBytes(line));
            line.release();
            long sequence = event.number(Attr.EVENT_SEQUENCE_NUMBER);
            assertTrue(sequence > previous);
            previous = sequence;
        }
    }

    @Test
    void connectionIdIsCaseInsensitiveInAndLowerCaseOut() {
        TlibMessage message = (TlibMessage) read("{\"message\":\"RequestQueryCall\",\"AttrConnectionID\":\"00A1B2C3D4E5F6AB\"}");
        assertEquals("00a1b2c3d4e5f6ab", message.string(Attr.CONNECTION_ID));
    }

    @Test
    void unknownAttributesAreIgnored() {
        TlibMessage message = (TlibMessage) read("{\"message\":\"A\",\"AttrSomethingNew\":[1,2],\"x\":null}");
        assertTrue(message.attributes().isEmpty());
    }

    static Stream<Arguments> wrongAttributeTypes() {
        return Stream.of(
                Arguments.of("{\"message\":7}", "\"message\""),
                Arguments.of("{\"message\":\"\"}", "\"message\""),
                Arguments.of("{\"message\":\"A\",\"AttrReferenceID\":\"7\"}", "AttrReferenceID must be a positive integer"),
                Arguments.of("{\"message\":\"A\",\"AttrReferenceID\":-1}", "AttrReferenceID must be a positive integer"),
                Arguments.of("{\"message\":\"A\",\"AttrReferenceID\":1.5}", "AttrReferenceID must be a positive integer"),
                Arguments.of("{\"message\":\"A\",\"AttrReferenceID\":99999999999}", "AttrReferenceID must be a positive integer"),
                Arguments.of("{\"message\":\"A\",\"AttrThisDN\":\"\"}", "AttrThisDN must be 1 to 64"),
                Arguments.of("{\"message\":\"A\",\"AttrThisDN\":\"" + "1".repeat(65) + "\"}", "AttrThisDN must be 1 to 64"),
                Arguments.of("{\"message\":\"A\",\"AttrThisDN\":1001}", "AttrThisDN must be 1 to 64"),
                Arguments.of("{\"message\":\"A\",\"AttrOtherDN\":\"a b\"}", "AttrOtherDN must be 1 to 64"),
                Arguments.of("{\"message\":\"A\",\"AttrConnectionID\":\"123\"}", "AttrConnectionID must be 16 hexadecimal digits"),
                Arguments.of("{\"message\":\"A\",\"AttrConnectionID\":\"00a1b2c3d4e5f6zz\"}", "AttrConnectionID must be 16 hexadecimal digits"),
                Arguments.of("{\"message\":\"A\",\"AttrApplicationName\":[\"x\"]}", "AttrApplicationName must be a string"),
                Arguments.of("{\"message\":\"A\",\"AttrProtocolVersion\":\"1\"}", "AttrProtocolVersion must be an integer"),
                Arguments.of("{\"message\":\"A\",\"AttrPrivateMsgID\":true}", "AttrPrivateMsgID must be a string or an integer"),
                Arguments.of("{\"message\":\"A\",\"AttrUserData\":\"x=1\"}", "AttrUserData must be a KV list"),
                Arguments.of("{\"message\":\"A\",\"AttrExtensions\":{\"k\":true}}", "AttrExtensions.k must be a string, an integer or a KV list"),
                Arguments.of("{\"message\":\"A\",\"AttrExtensions\":{\"k\":1.25}}", "AttrExtensions.k must be"),
                Arguments.of("{\"message\":\"A\",\"AttrExtensions\":{\"k\":[1]}}", "AttrExtensions.k must be"),
                Arguments.of("{\"message\":\"A\",\"AttrUserData\":{\"a\":{\"b\":null}}}", "AttrUserData.a.b must be"),
                Arguments.of("{\"message\":\"A\",\"AttrUserData\":{\"a\":{\"$binary\":\"***\"}}}", "must hold base64"),
                Arguments.of("{\"message\":\"A\",\"AttrEvent\":{\"AttrThisDN\":\"1\"}}", "AttrEvent must be an event object"),
                Arguments.of("{\"message\":\"A\",\"AttrEvent\":{\"message\":\"EventUserEvent\",\"AttrThisDN\":5}}", "AttrThisDN must be"),
                Arguments.of("{\"message\":\"A\",\"message\":\"B\"}", "not valid JSON"),
                Arguments.of("{\"message\":\"A\"} {\"message\":\"B\"}", "not valid JSON"),
                Arguments.of("{\"message\":\"A\",\"AttrUserData\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41), "not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("wrongAttributeTypes")
    void wrongAttributeTypeIsAFrameErrorNamingIt(String line, String expected) {
        FrameError error = assertInstanceOf(FrameError.class, read(line));
        assertTrue(error.reason().contains(expected), () -> "'" + error.reason() + "' should contain '" + expected + "'");
    }

    @Test
    void frameErrorKeepsAValidReferenceId() {
        FrameError error = assertInstanceOf(FrameError.class,
                read("{\"message\":\"A\",\"AttrReferenceID\":12,\"AttrThisDN\":\"a b\"}"));
        assertEquals(12L, error.referenceId());
    }

    private static Object read(String line) {
        return TlibJson.read(line.getBytes(StandardCharsets.UTF_8));
    }
}
