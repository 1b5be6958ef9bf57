package org.recgate.sip.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsmlInfoReaderTest {

    private static final RecordingDescription FROM_URI = new RecordingDescription("rec-1", null, null, "7001", null,
            null, Map.of(), List.of());

    /** What the gateway's sip-recorder sends at START with a primary and a duplicate (docs/sip-recorder.md). */
    private static final String DIALOGSTART = """
            <?xml version="1.0" encoding="UTF-8"?>
            <msml version="1.1">
              <dialogstart target="conn:abc" type="application/moml+xml" name="rec">
                <group topology="parallel">
                  <record id="r1" dest="file:///recordings/call_7001.wav" format="audio/wav" maxtime="7200s"/>
                  <record id="r2" dest="file:///recordings/call_7001-dest2.wav" format="audio/wav" maxtime="7200s"/>
                </group>
                <rg:tlib xmlns:rg="urn:recgate:tlib:1">
                  <rg:recordingId>rec-1</rg:recordingId>
                  <rg:connectionId>006e01d2a3b4c5d6</rg:connectionId>
                  <rg:callUuid>00RV9H7S6O8V3BSHAG7GK2LAES00002M</rg:callUuid>
                  <rg:recordedDn>7001</rg:recordedDn>
                  <rg:side>destination</rg:side>
                  <rg:fileName>call_7001.wav</rg:fileName>
                  <rg:params>
                    <rg:param name="campaign">spring</rg:param>
                    <rg:param name="priority">2</rg:param>
                  </rg:params>
                </rg:tlib>
              </dialogstart>
            </msml>
            """;

    @Test
    void readsTheGatewaysDialogstart() {
        MsmlInfo.DialogStart start = assertInstanceOf(MsmlInfo.DialogStart.class,
                MsmlInfoReader.read(DIALOGSTART, FROM_URI));
        assertEquals("conn:abc", start.target());
        assertEquals("rec", start.name());
        assertEquals(List.of(
                new MsmlFile.Record("r1", "file:///recordings/call_7001.wav", "audio/wav", "7200s",
                        RecordingFile.State.RECORDING),
                new MsmlFile.Record("r2", "file:///recordings/call_7001-dest2.wav", "audio/wav", "7200s",
                        RecordingFile.State.RECORDING)), start.records());
        RecordingDescription description = start.description();
        assertEquals("rec-1", description.recordingId());
        assertEquals("006e01d2a3b4c5d6", description.connectionId());
        assertEquals("00RV9H7S6O8V3BSHAG7GK2LAES00002M", description.callUuid());
        assertEquals("destination", description.side());
        assertEquals("call_7001.wav", description.fileName());
        assertEquals(List.of("campaign", "priority"), List.copyOf(description.params().keySet()));
        assertEquals("2", description.params().get("priority"));
    }

    @Test
    void aDialogstartWithoutTlibKeepsWhatWasKnown() {
        MsmlInfo.DialogStart start = assertInstanceOf(MsmlInfo.DialogStart.class, MsmlInfoReader.read(
                "<msml version=\"1.1\"><dialogstart target=\"conn:abc\" name=\"rec\">"
                        + "<record id=\"r1\" format=\"audio/wav\"/></dialogstart></msml>", FROM_URI));
        assertSame(FROM_URI, start.description());
        assertEquals(List.of(new MsmlFile.Record("r1", null, "audio/wav", null, RecordingFile.State.RECORDING)),
                start.records());
    }

    @Test
    void readsSendsAndDialogend() {
        assertEquals(new MsmlInfo.Send("pause", List.of("conn:abc/dialog:rec/record.r1", "conn:abc/dialog:rec/record.r2")),
                MsmlInfoReader.read("""
                        <msml version="1.1">
                          <send event="pause" target="conn:abc/dialog:rec/record.r1"/>
                          <send event="pause" target="conn:abc/dialog:rec/record.r2"/>
                        </msml>""", FROM_URI));
        assertEquals(new MsmlInfo.DialogEnd("conn:abc/dialog:rec"),
                MsmlInfoReader.read("<msml version=\"1.1\"><dialogend id=\"conn:abc/dialog:rec\"/></msml>", FROM_URI));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml",
        "<msml version=\"1.1\"><dialogend id=\"conn:abc/dialog:rec\"></msml>",
        "<recording xmlns=\"urn:ietf:params:xml:ns:recording:1\"/>",
        "<msml xmlns=\"urn:example\" version=\"1.1\"><dialogend id=\"x\"/></msml>",
        "<msml version=\"1.1\"/>",
        "<msml version=\"1.1\"><play/></msml>",
        "<msml version=\"1.1\"><dialogend/></msml>",
        "<msml version=\"1.1\"><dialogend id=\"a\"/><dialogend id=\"b\"/></msml>",
        "<msml version=\"1.1\"><dialogend id=\"a\"/><send event=\"pause\" target=\"t\"/></msml>",
        "<msml version=\"1.1\"><send event=\"pause\" target=\"t1\"/><send event=\"resume\" target=\"t2\"/></msml>",
        "<msml version=\"1.1\"><send target=\"t\"/></msml>",
        "<msml version=\"1.1\"><send event=\"pause\"/></msml>",
        "<msml version=\"1.1\"><dialogstart name=\"rec\"><record id=\"r1\"/></dialogstart></msml>",
        "<msml version=\"1.1\"><dialogstart target=\"conn:abc\"><record id=\"r1\"/></dialogstart></msml>",
        "<msml version=\"1.1\"><dialogstart target=\"conn:abc\" name=\"rec\"/></msml>",
        "<msml version=\"1.1\"><dialogstart target=\"conn:abc\" name=\"rec\"><record dest=\"x\"/></dialogstart></msml>",
        "<!DOCTYPE msml [<!ENTITY x \"y\">]><msml version=\"1.1\"><dialogend id=\"&x;\"/></msml>"
    })
    void refusesWhatIsNotOneKnownRequest(String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MsmlInfoReader.read(body, FROM_URI));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), body);
    }
}
