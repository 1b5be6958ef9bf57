package org.recgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each short command → the exact message it sends; bad lines → an explanation and nothing sent. */
class CommandParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNID = "00000000000000a1";

    private final AtomicLong lastReferenceId = new AtomicLong(6);
    private final CommandParser parser = new CommandParser(lastReferenceId::incrementAndGet);

    private Command.Send send(String line) throws Exception {
        return assertInstanceOf(Command.Send.class, parser.parse(line).orElseThrow());
    }

    /** The line's message equals {@code expected} (attribute order aside). */
    private Command.Send assertSends(String line, String expected) throws Exception {
        Command.Send send = send(line);
        JsonNode expectedMessage = JSON.readTree(expected);
        assertEquals(expectedMessage, JSON.readTree(send.json()), line);
        assertEquals(expectedMessage.path("message").asText(), send.name());
        return send;
    }

    @Test
    void registerClientCarriesNameVersionAndPasswordIfGiven() throws Exception {
        assertEquals(JSON.readTree("""
                {"message": "RequestRegisterClient", "AttrReferenceID": 7, "AttrApplicationName": "supervisor",
                 "AttrApplicationPassword": "s3cret", "AttrProtocolVersion": 1}"""),
                JSON.readTree(parser.registerClient("supervisor", "s3cret").json()));
        assertEquals(JSON.readTree("""
                {"message": "RequestRegisterClient", "AttrReferenceID": 8, "AttrApplicationName": "cli",
                 "AttrProtocolVersion": 1}"""),
                JSON.readTree(parser.registerClient("cli", null).json()));
    }

    @Test
    void register() throws Exception {
        Command.Send send = assertSends("register 1001",
                "{\"message\": \"RequestRegisterAddress\", \"AttrReferenceID\": 7, \"AttrThisDN\": \"1001\"}");
        assertEquals(7L, send.referenceId());
        assertSends("  REGISTER 1002 private ", """
                {"message": "RequestRegisterAddress", "AttrReferenceID": 8, "AttrThisDN": "1002",
                 "AttrRegisterMode": "Private"}""");
    }

    @Test
    void registerOption() throws Exception {
        assertEquals(JSON.readTree("""
                {"message": "RequestRegisterAddress", "AttrReferenceID": 7, "AttrThisDN": "1001",
                 "AttrRegisterMode": "Monitor"}"""), JSON.readTree(parser.register("1001:Monitor").json()));
        assertEquals(JSON.readTree("{\"message\": \"RequestRegisterAddress\", \"AttrReferenceID\": 8, \"AttrThisDN\": \"1002\"}"),
                JSON.readTree(parser.register("1002").json()));
        assertThrows(CommandParser.BadCommandException.class, () -> parser.register("1003:Spy"));
    }

    @Test
    void unregister() throws Exception {
        assertSends("unregister 1001",
                "{\"message\": \"RequestUnregisterAddress\", \"AttrReferenceID\": 7, \"AttrThisDN\": \"1001\"}");
    }

    @Test
    void startWithExtensions() throws Exception {
        assertSends("start 1001 " + CONNID + " record=destination id=abc dest=sip:+4930123@rec.example params=a%3D1%26b%3Dx%20y", """
                {"message": "RequestPrivateService", "AttrReferenceID": 7, "AttrPrivateMsgID": "GSIP_RECORD_START",
                 "AttrThisDN": "1001", "AttrConnectionID": "00000000000000a1",
                 "AttrExtensions": {"record": "destination", "id": "abc", "dest": "sip:+4930123@rec.example",
                                    "params": "a=1&b=x y"}}""");
    }

    @ParameterizedTest
    @CsvSource({"stop, GSIP_RECORD_STOP", "pause, GSIP_RECORD_PAUSE", "resume, GSIP_RECORD_RESUME"})
    void stopPauseResumeWithoutExtensions(String command, String privateMessage) throws Exception {
        assertSends(command + " 1001 " + CONNID, """
                {"message": "RequestPrivateService", "AttrReferenceID": 7, "AttrPrivateMsgID": "%s",
                 "AttrThisDN": "1001", "AttrConnectionID": "00000000000000a1"}""".formatted(privateMessage));
    }

    @Test
    void valueMayHoldEqualsSigns() throws Exception {
        assertSends("stop 1001 " + CONNID + " params=k1=v1&k2=v2", """
                {"message": "RequestPrivateService", "AttrReferenceID": 7, "AttrPrivateMsgID": "GSIP_RECORD_STOP",
                 "AttrThisDN": "1001", "AttrConnectionID": "00000000000000a1",
                 "AttrExtensions": {"params": "k1=v1&k2=v2"}}""");
    }

    @Test
    void query() throws Exception {
        assertSends("query " + CONNID,
                "{\"message\": \"RequestQueryCall\", \"AttrReferenceID\": 7, \"AttrConnectionID\": \"00000000000000a1\"}");
    }

    @Test
    void screenWithAndWithoutConnection() throws Exception {
        assertSends("screen 1001 start " + CONNID, """
                {"message": "RequestSendEvent", "AttrReferenceID": 7, "AttrThisDN": "1001",
                 "AttrEvent": {"message": "EventUserEvent", "AttrThisDN": "1001", "AttrConnectionID": "00000000000000a1",
                               "AttrUserData": {"screen-capture": "start"}}}""");
        assertSends("screen 1001 ENABLED", """
                {"message": "RequestSendEvent", "AttrReferenceID": 8, "AttrThisDN": "1001",
                 "AttrEvent": {"message": "EventUserEvent", "AttrThisDN": "1001",
                               "AttrUserData": {"screen-capture": "enabled"}}}""");
    }

    @Test
    void userEvent() throws Exception {
        assertSends("user-event 1002 note=hello%20world priority=2", """
                {"message": "RequestSendEvent", "AttrReferenceID": 7, "AttrThisDN": "1002",
                 "AttrEvent": {"message": "EventUserEvent", "AttrThisDN": "1002",
                               "AttrUserData": {"note": "hello world", "priority": "2"}}}""");
    }

    @Test
    void route() throws Exception {
        assertSends("route 7000 " + CONNID + " 1001 record=source dest2=sip:backup@rec.example", """
                {"message": "RequestRouteCall", "AttrReferenceID": 7, "AttrThisDN": "7000",
                 "AttrConnectionID": "00000000000000a1", "AttrOtherDN": "1001",
                 "AttrExtensions": {"record": "source", "dest2": "sip:backup@rec.example"}}""");
    }

    @Test
    void callFeedEventsHaveNoReferenceIdAndExpectNoReply() throws Exception {
        Command.Send established = assertSends("established " + CONNID + " 1001 5000 ani=+4930123 dnis=800 uuid=u-1", """
                {"message": "EventEstablished", "AttrConnectionID": "00000000000000a1", "AttrThisDN": "1001",
                 "AttrOtherDN": "5000", "AttrANI": "+4930123", "AttrDNIS": "800", "AttrCallUUID": "u-1"}""");
        assertNull(established.referenceId());
        assertFalse(established.expectsReply());
        assertSends("released " + CONNID + " 1001",
                "{\"message\": \"EventReleased\", \"AttrConnectionID\": \"00000000000000a1\", \"AttrThisDN\": \"1001\"}");
        assertSends("party-changed " + CONNID + " 1001 1002 5000", """
                {"message": "EventPartyChanged", "AttrConnectionID": "00000000000000a1", "AttrThisDN": "1001",
                 "AttrOtherDN": "1002", "AttrThirdPartyDN": "5000"}""");
        assertEquals(6, lastReferenceId.get(), "no ReferenceID used up");
    }

    @Test
    void jsonRequestIsSentAsWrittenWithAReferenceIdAddedIfMissing() throws Exception {
        Command.Send added = assertSends("{\"message\": \"RequestRegisterAddress\", \"AttrThisDN\": \"1001\", \"x-custom\": [1]}",
                "{\"message\": \"RequestRegisterAddress\", \"AttrThisDN\": \"1001\", \"x-custom\": [1], \"AttrReferenceID\": 7}");
        assertEquals(7L, added.referenceId());
        Command.Send kept = assertSends("{\"message\": \"RequestQueryCall\", \"AttrReferenceID\": 99}",
                "{\"message\": \"RequestQueryCall\", \"AttrReferenceID\": 99}");
        assertEquals(99L, kept.referenceId());
        Command.Send noName = send("{\"AttrThisDN\": \"1001\"}");
        assertEquals(JSON.readTree("{\"AttrThisDN\": \"1001\", \"AttrReferenceID\": 8}"), JSON.readTree(noName.json()));
        assertEquals("(no message)", noName.name());
        assertTrue(noName.expectsReply(), "the gateway answers a message without name with EventError 53");
    }

    @Test
    void jsonEventGetsNoReferenceId() throws Exception {
        Command.Send event = assertSends("{\"message\": \"EventReleased\", \"AttrConnectionID\": \"" + CONNID + "\", \"AttrThisDN\": \"1001\"}",
                "{\"message\": \"EventReleased\", \"AttrConnectionID\": \"" + CONNID + "\", \"AttrThisDN\": \"1001\"}");
        assertFalse(event.expectsReply());
    }

    @Test
    void controlCommands() throws Exception {
        assertEquals(new Command.Sleep(250), parser.parse("sleep 250").orElseThrow());
        assertEquals(new Command.Help(), parser.parse("help").orElseThrow());
        assertEquals(new Command.Quit(), parser.parse("Quit").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "# register 1001", "  # indented comment"})
    void blankLinesAndCommentsAreSkipped(String line) throws Exception {
        assertTrue(parser.parse(line).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bogus 1001", "register", "register 1001 Shared", "register 1001 Share extra", "unregister",
        "unregister 1001 1002", "start 1001", "start 1001 record=destination", "start 1001 c record",
        "start 1001 c =x", "start 1001 c id=a id=b", "start 1001 c params=%zz", "record 1001 c", "query",
        "query c1 c2", "screen 1001", "screen 1001 record", "screen 1001 start c extra", "user-event 1001",
        "user-event 1001 note", "route 7000 c", "route 7000 c 1001 record", "established c 1001",
        "established c 1001 5000 colour=red", "released c", "released c 1001 extra", "party-changed c 1001 1002",
        "sleep", "sleep -1", "sleep soon", "help me", "quit now", "{not json", "{\"message\": \"A\"} trailing"})
    void badLinesAreExplainedAndSendNothing(String line) {
        CommandParser.BadCommandException bad = assertThrows(CommandParser.BadCommandException.class, () -> parser.parse(line));
        assertFalse(bad.getMessage().isBlank());
        assertEquals(6, lastReferenceId.get(), "no ReferenceID used up by " + line);
    }
}
