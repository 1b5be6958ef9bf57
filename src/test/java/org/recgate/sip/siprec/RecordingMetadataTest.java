package org.recgate.sip.siprec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recgate.sip.FailoverRule;
import org.recgate.sip.Participant;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.MediaDirection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.InputSource;

/** The SIPREC metadata and SDP offer against RFC 7865's schema and RFC 7866's rules. */
class RecordingMetadataTest {

    static final String RFC_NS = "urn:ietf:params:xml:ns:recording:1";
    static final String OUR_NS = "urn:recgate:tlib:1";

    private static Schema schema;

    static final SiprecSettings SETTINGS = new SiprecSettings(5000, FailoverRule.parse(FailoverRule.DEFAULT),
            "recgate", "cc.example.com", OUR_NS, "192.0.2.10", 40000);

    static RecordingSessionSpec spec(Map<String, Object> params) {
        return new RecordingSessionSpec("rec-0001", "006e01d2a3b4c5d6", "00RV9H7S6O8V3BSHAG7GK2LAES00002M", "7001",
                "destination",
                List.of(new Participant("+15551230001", "Customer <VIP> & co", false),
                        new Participant("7001", "Agent Smith", true),
                        new Participant("7002", null, false)),
                params, "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001_.wav", Instant.parse("2026-11-22T09:30:00.123Z"));
    }

    static Map<String, Object> params() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("queue", "sales & support");
        nested.put("priority", 3L);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("campaign", "spring <2026>");
        params.put("routing", nested);
        return params;
    }

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (!"https://www.w3.org/2001/xml.xsd".equals(systemId)) {
                return null;
            }
            LSInput input = ls.createLSInput();
            input.setByteStream(RecordingMetadataTest.class.getResourceAsStream("/xsd/xml.xsd"));
            input.setSystemId(systemId);
            return input;
        });
        try (InputStream xsd = RecordingMetadataTest.class.getResourceAsStream("/xsd/recording-metadata.xsd")) {
            schema = factory.newSchema(new StreamSource(xsd));
        }
    }

    static void assertValid(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static List<Element> elements(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    @Test
    void completeSnapshotValidatesAgainstTheRfc7865Schema() throws Exception {
        SiprecSession session = SiprecSession.start(spec(params()), SETTINGS);
        assertValid(session.metadata());
        assertValid(session.next(spec(Map.of()), MediaDirection.INACTIVE).metadata());
    }

    @Test
    void theRfcExamplesValidateToo() throws Exception {
        assertValid("<?xml version=\"1.0\" encoding=\"UTF-8\"?><requestsnapshot xmlns='urn:ietf:params:xml:ns:recording:1'>"
                + "<requestreason xml:lang=\"it\">SRS internal error</requestreason></requestsnapshot>");
    }

    @Test
    void childrenFollowTheSchemaOrder() throws Exception {
        Element root = parse(SiprecSession.start(spec(params()), SETTINGS).metadata()).getDocumentElement();
        assertEquals(RFC_NS, root.getNamespaceURI());
        assertEquals("recording", root.getLocalName());
        List<String> names = children(root).stream().map(Element::getLocalName).toList();
        assertEquals(List.of("datamode", "session", "participant", "participant", "participant", "stream", "stream",
                "participantstreamassoc", "participantstreamassoc", "participantstreamassoc"), names);
        assertEquals("complete", children(root).get(0).getTextContent());
    }

    @Test
    void idsAreBase64OfSixteenBytesAndStableAcrossOffers() throws Exception {
        SiprecSession first = SiprecSession.start(spec(params()), SETTINGS);
        List<String> ids = ids(first.metadata());
        assertEquals(1 + 3 + 2, ids.stream().distinct().count(), "session, three participants, two streams");
        for (String id : ids) {
            assertEquals(24, id.length(), id);
            assertEquals(16, Base64.getDecoder().decode(id).length, id);
        }
        assertEquals(ids, ids(first.next(spec(Map.of("k", "v")), MediaDirection.INACTIVE).metadata()),
                "an update names the same objects the same way");
        assertNotEquals(ids, ids(SiprecSession.start(spec(params()), SETTINGS).metadata()),
                "another session has ids of its own");
    }

    private static List<String> ids(String xml) throws Exception {
        Document document = parse(xml);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("session", "participant", "stream")) {
            for (Element element : elements(document, RFC_NS, name)) {
                ids.add(element.getAttribute(name + "_id"));
            }
        }
        for (String name : List.of("send", "recv")) {
            elements(document, RFC_NS, name).forEach(element -> ids.add(element.getTextContent()));
        }
        return ids;
    }

    @Test
    void streamLabelsAreTheSdpLabelsAndEachPartySendsOneStream() throws Exception {
        SiprecSession session = SiprecSession.start(spec(params()), SETTINGS);
        Document document = parse(session.metadata());
        Map<String, String> labelById = new LinkedHashMap<>();
        for (Element stream : elements(document, RFC_NS, "stream")) {
            labelById.put(stream.getAttribute("stream_id"),
                    elements(document, RFC_NS, "label").get(labelById.size()).getTextContent());
            assertEquals(elements(document, RFC_NS, "session").get(0).getAttribute("session_id"),
                    stream.getAttribute("session_id"));
        }
        assertEquals(sdpLabels(session.sdp()), List.copyOf(labelById.values()));

        Map<String, String> aorById = new LinkedHashMap<>();
        for (Element participant : elements(document, RFC_NS, "participant")) {
            aorById.put(participant.getAttribute("participant_id"),
                    ((Element) participant.getElementsByTagNameNS(RFC_NS, "nameID").item(0)).getAttribute("aor"));
        }
        assertEquals(List.of("sip:+15551230001@cc.example.com", "sip:7001@cc.example.com", "sip:7002@cc.example.com"),
                List.copyOf(aorById.values()));
        for (Element association : elements(document, RFC_NS, "participantstreamassoc")) {
            String aor = aorById.get(association.getAttribute("participant_id"));
            String sent = labelById.get(association.getElementsByTagNameNS(RFC_NS, "send").item(0).getTextContent());
            String heard = labelById.get(association.getElementsByTagNameNS(RFC_NS, "recv").item(0).getTextContent());
            assertEquals(aor.equals("sip:7001@cc.example.com") ? "1" : "2", sent, aor);
            assertNotEquals(sent, heard, aor);
        }
    }

    static List<String> sdpLabels(String sdp) {
        Matcher matcher = Pattern.compile("(?m)^a=label:(\\S+)\r?$").matcher(sdp);
        List<String> labels = new ArrayList<>();
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        return labels;
    }

    @Test
    void gatewayDataGoesInOurOwnNamespaceInsideTheSession() throws Exception {
        Document document = parse(SiprecSession.start(spec(params()), SETTINGS).metadata());
        assertTrue(elements(document, "*", "extensiondata").isEmpty(), "no pre-RFC extensiondata");
        List<Element> tlib = elements(document, OUR_NS, "tlib");
        assertEquals(1, tlib.size());
        assertEquals("session", ((Element) tlib.get(0).getParentNode()).getLocalName());
        Map<String, String> values = new LinkedHashMap<>();
        children(tlib.get(0)).forEach(child -> {
            assertEquals(OUR_NS, child.getNamespaceURI());
            values.put(child.getLocalName(), child.getTextContent().strip());
        });
        assertEquals("rec-0001", values.get("recordingId"));
        assertEquals("006e01d2a3b4c5d6", values.get("connectionId"));
        assertEquals("00RV9H7S6O8V3BSHAG7GK2LAES00002M", values.get("callUuid"));
        assertEquals("7001", values.get("recordedDn"));
        assertEquals("destination", values.get("side"));
        assertEquals("00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001_.wav", values.get("fileName"));
        List<Element> params = elements(document, OUR_NS, "param");
        assertEquals(4, params.size(), "params in name order, nested ones inside theirs");
        assertEquals("campaign", params.get(0).getAttribute("name"));
        assertEquals("spring <2026>", params.get(0).getTextContent());
        assertEquals("routing", params.get(1).getAttribute("name"));
        assertEquals("priority", params.get(2).getAttribute("name"));
        assertEquals("3", params.get(2).getTextContent());
        assertEquals("queue", params.get(3).getAttribute("name"));
        assertEquals("sales & support", params.get(3).getTextContent());
        assertEquals("2026-11-22T09:30:00Z",
                elements(document, RFC_NS, "start-time").get(0).getTextContent(), "RFC 3339, upper-case T and Z");
    }

    @Test
    void theRecordedDnIsAParticipantEvenWhenTheSpecForgetsIt() throws Exception {
        RecordingSessionSpec alone = new RecordingSessionSpec("rec-2", "0000000000000001", null, "7001", "source",
                List.of(), Map.of(), null, null);
        String xml = SiprecSession.start(alone, SETTINGS).metadata();
        assertValid(xml);
        List<Element> participants = elements(parse(xml), RFC_NS, "participant");
        assertEquals(1, participants.size());
        assertEquals("sip:7001@cc.example.com",
                ((Element) participants.get(0).getElementsByTagNameNS(RFC_NS, "nameID").item(0)).getAttribute("aor"));
    }

    @Test
    void sdpOfferHasOneLabelledMLinePerDirectionAndPauseMakesEveryOneInactive() {
        SiprecSession started = SiprecSession.start(spec(Map.of()), SETTINGS);
        String offer = started.sdp();
        assertEquals(List.of("1", "2"), sdpLabels(offer));
        assertEquals(2, count(offer, "\r\na=sendonly\r\n"));
        assertTrue(offer.contains("\r\nm=audio 40000 RTP/AVP 0 8\r\n") && offer.contains("\r\nm=audio 40002 RTP/AVP 0 8\r\n"));
        assertTrue(offer.contains("\r\nc=IN IP4 192.0.2.10\r\n"));

        SiprecSession paused = started.next(null, MediaDirection.INACTIVE);
        assertEquals(2, count(paused.sdp(), "\r\na=inactive\r\n"));
        assertFalse(paused.sdp().contains("sendonly"));
        assertEquals(offer.replace("sendonly", "inactive").replace(" 1 IN IP4", " 2 IN IP4"), paused.sdp(),
                "the same SDP, direction and o= version aside");
        assertEquals(2, count(paused.next(null, MediaDirection.SENDONLY).sdp(), "\r\na=sendonly\r\n"));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void snapshotRequestsAreRecognised() {
        assertTrue(RecordingMetadata.requestsSnapshot("<?xml version=\"1.0\"?>\r\n<requestsnapshot "
                + "xmlns='urn:ietf:params:xml:ns:recording:1'><requestreason xml:lang=\"it\">SRS internal error"
                + "</requestreason></requestsnapshot>"));
        assertTrue(RecordingMetadata.requestsSnapshot("<rs:requestsnapshot xmlns:rs=\"" + RFC_NS + "\"/>"));
        assertFalse(RecordingMetadata.requestsSnapshot(SiprecSession.start(spec(Map.of()), SETTINGS).metadata()));
        assertFalse(RecordingMetadata.requestsSnapshot(null));
    }
}
