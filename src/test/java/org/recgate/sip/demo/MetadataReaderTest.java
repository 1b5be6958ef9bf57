package org.recgate.sip.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.recgate.sip.Participant;

class MetadataReaderTest {

    /** As the gateway's sip-recorder writes it (docs/sip-recorder.md), with a nested param. */
    private static final String GATEWAY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <recording xmlns="urn:ietf:params:xml:ns:recording:1">
              <datamode>complete</datamode>
              <session session_id="GfWV5loMSESDyl+h/R3QRQ==">
                <start-time>2026-11-22T05:19:59Z</start-time>
                <rg:tlib xmlns:rg="urn:recgate:tlib:1">
                  <rg:recordingId>rec-8561</rg:recordingId>
                  <rg:connectionId>006e01d2a3b4c5d6</rg:connectionId>
                  <rg:callUuid>00RV9H7S6O8V3BSHAG7GK2LAES00002M</rg:callUuid>
                  <rg:recordedDn>7001</rg:recordedDn>
                  <rg:side>destination</rg:side>
                  <rg:fileName>00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav</rg:fileName>
                  <rg:params>
                    <rg:param name="campaign">spring</rg:param>
                    <rg:param name="customer">
                      <rg:param name="tier">gold</rg:param>
                    </rg:param>
                  </rg:params>
                </rg:tlib>
              </session>
              <participant participant_id="/WaB9mW/TNGDyb7aC3y7pg==">
                <nameID aor="sip:+15551230001@cc.example.com"><name>Customer</name></nameID>
              </participant>
              <participant participant_id="1g3+VYjvT7a3X9T+fsf+DQ==">
                <nameID aor="sip:7001@cc.example.com"/>
              </participant>
            </recording>
            """;

    @Test
    void readsTheGatewaysElementAndTheParticipants() {
        RecordingDescription read = MetadataReader.read(GATEWAY, RecordingDescription.NONE);

        assertEquals(new RecordingDescription("rec-8561", "006e01d2a3b4c5d6", "00RV9H7S6O8V3BSHAG7GK2LAES00002M", "7001",
                "destination", "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav",
                Map.of("campaign", "spring", "customer", Map.of("tier", "gold")),
                List.of(new RecordingDescription.Participant("/WaB9mW/TNGDyb7aC3y7pg==", "sip:+15551230001@cc.example.com", "Customer"),
                        new RecordingDescription.Participant("1g3+VYjvT7a3X9T+fsf+DQ==", "sip:7001@cc.example.com", null))),
                read);
        assertEquals(List.of("campaign", "customer"), List.copyOf(read.params().keySet()), "document order");
    }

    @Test
    void findsTheElementUnderAnotherNamespaceToo() {
        String other = GATEWAY.replace("urn:recgate:tlib:1", "urn:example:own:2").replace("rg:", "x:").replace("xmlns:rg", "xmlns:x");
        assertEquals("rec-8561", MetadataReader.read(other, RecordingDescription.NONE).recordingId());
    }

    @Test
    void aPartialSnapshotKeepsWhatItLeavesOut() {
        RecordingDescription before = MetadataReader.read(GATEWAY, RecordingDescription.NONE);
        String partial = """
                <recording xmlns="urn:ietf:params:xml:ns:recording:1">
                  <datamode>partial</datamode>
                  <participant participant_id="k88m5WiqTrm0YhkCRwW+lA=="><nameID aor="sip:7002@cc.example.com"/></participant>
                </recording>
                """;

        RecordingDescription after = MetadataReader.read(partial, before);

        assertEquals("rec-8561", after.recordingId());
        assertEquals(before.params(), after.params());
        assertEquals(List.of(new RecordingDescription.Participant("k88m5WiqTrm0YhkCRwW+lA==", "sip:7002@cc.example.com", null)),
                after.participants());
    }

    @Test
    void withoutTheGatewaysElementValuesAreMissing() {
        RecordingDescription read = MetadataReader.read(
                "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>complete</datamode></recording>",
                RecordingDescription.NONE);
        assertNull(read.recordingId());
        assertEquals(Map.of(), read.params());
    }

    @Test
    void refusesWhatIsNotRecordingMetadata() {
        assertThrows(IllegalArgumentException.class, () -> MetadataReader.read("<recording>", RecordingDescription.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> MetadataReader.read("<recording xmlns='urn:other'/>", RecordingDescription.NONE));
        String entity = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                + "<recording xmlns='urn:ietf:params:xml:ns:recording:1'>&e;</recording>";
        assertThrows(IllegalArgumentException.class, () -> MetadataReader.read(entity, RecordingDescription.NONE));
    }
}
