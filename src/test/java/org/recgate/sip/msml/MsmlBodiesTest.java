package org.recgate.sip.msml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.Dialect;
import org.recgate.sip.Participant;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.stack.SipUserAgent;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The MSML bodies: well-formed XML whose elements and attributes are RFC 5707's (names from the
 * RFC's §7 and §9 and its schema, §16; values matching the schema's datatypes), plus what the
 * gateway reads from answers and events, the record destinations and the Request-URI.
 */
class MsmlBodiesTest {

    private static final String TAG = "7b1f2c";
    private static final String TLIB = "urn:recgate:tlib:1";

    /** RFC 5707's attributes of each element the gateway writes (msml-core, msml-dialog-*.xsd). */
    private static final Map<String, Set<String>> RFC5707_ATTRIBUTES = Map.of(
            "msml", Set.of("version"),
            "dialogstart", Set.of("target", "type", "name", "src", "mark"),
            "dialogend", Set.of("id", "mark"),
            "group", Set.of("id", "topology"),
            "record", Set.of("id", "append", "dest", "audiodest", "videodest", "format", "maxtime", "initial",
                    "prespeech", "postspeech", "termkey", "beep"),
            "send", Set.of("event", "target", "valuelist", "mark"),
            "result", Set.of("response", "mark"),
            "description", Set.of());
    /** Attributes RFC 5707 marks mandatory. */
    private static final Map<String, Set<String>> MANDATORY = Map.of(
            "msml", Set.of("version"),
            "dialogstart", Set.of("target", "type"),
            "dialogend", Set.of("id"),
            "record", Set.of("format", "maxtime"),
            "send", Set.of("event", "target"));
    /** The schema's datatypes (RFC 5707 §16) for the values the gateway writes. */
    private static final Map<String, Pattern> DATATYPES = Map.of(
            "dialogstart@target", Pattern.compile("conn:[a-zA-Z0-9.:\\-_]+"),
            "dialogstart@type", Pattern.compile("application/moml\\+xml"),
            "dialogstart@name", Pattern.compile("[a-zA-Z0-9.:\\-_]+"),
            "dialogend@id", Pattern.compile("conn:[a-zA-Z0-9.:\\-_]+/dialog:[a-zA-Z0-9.:\\-_]+"),
            "record@id", Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._\\-]*"),
            "record@maxtime", Pattern.compile("(\\+)?([0-9]*\\.)?[0-9]+(ms|s)"),
            "send@event", Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._\\-]*"),
            "send@target", Pattern.compile("conn:[a-zA-Z0-9.:\\-_]+/dialog:[a-zA-Z0-9.:\\-_]+/record\\.r[12]"),
            "group@topology", Pattern.compile("parallel|fixed"),
            "result@response", Pattern.compile("\\d{3}"));

    static RecordingSessionSpec spec(Map<String, Object> params) {
        return new RecordingSessionSpec("rec-42", "006e01d2a3b4c5d6", "00RV9H7S6O8V3BSHAG7GK2LAES00002M", "7001",
                "destination", List.of(new Participant("+15551230001", "Customer", false), new Participant("7001", "Agent", true)),
                params, "00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001", Instant.parse("2025-06-01T09:30:00Z"));
    }

    @Test
    void dialogstartIsADialogWithOneRecordPerDestinationInAParallelGroup() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("team", "blue & <green>");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("campaign", "spring \"24\"");
        params.put("agent", nested);
        String body = MsmlBodies.dialogstart(TAG, List.of(new MsmlBodies.Record("r1", "file:///recordings/a.wav"),
                new MsmlBodies.Record("r2", "file:///recordings/a-dest2.wav")), "audio/wav", "7200s", spec(params), TLIB);
        Element root = assertRfc5707(body);

        Element dialogstart = only(root, "dialogstart");
        assertEquals("conn:" + TAG, dialogstart.getAttribute("target"), "the connection is the media server's To-tag");
        assertEquals("application/moml+xml", dialogstart.getAttribute("type"));
        assertEquals("rec", dialogstart.getAttribute("name"));
        Element group = only(dialogstart, "group");
        assertEquals("parallel", group.getAttribute("topology"));
        List<Element> records = children(group);
        assertEquals(List.of("r1", "r2"), records.stream().map(r -> r.getAttribute("id")).toList());
        assertEquals(List.of("file:///recordings/a.wav", "file:///recordings/a-dest2.wav"),
                records.stream().map(r -> r.getAttribute("dest")).toList());
        records.forEach(record -> {
            assertEquals("record", record.getTagName());
            assertEquals("audio/wav", record.getAttribute("format"));
            assertEquals("7200s", record.getAttribute("maxtime"));
        });

        Element tlib = children(dialogstart).get(1);
        assertEquals(TLIB, tlib.getNamespaceURI(), "our own data is a foreign-namespace element, after the group");
        assertEquals("tlib", tlib.getLocalName());
        assertTrue(body.contains("<rg:recordingId>rec-42</rg:recordingId>"), body);
        assertTrue(body.contains("<rg:param name=\"campaign\">spring \"24\"</rg:param>"), body);
        assertTrue(body.contains("<rg:param name=\"team\">blue &amp; &lt;green&gt;</rg:param>"), body);
    }

    @Test
    void pauseResumeAndTerminateAreSendsToEachRecord() throws Exception {
        for (String event : List.of("pause", "resume", "terminate")) {
            String body = MsmlBodies.send(event, List.of(MsmlBodies.recordTarget(TAG, "r1"), MsmlBodies.recordTarget(TAG, "r2")));
            Element root = assertRfc5707(body);
            List<Element> sends = children(root);
            assertEquals(2, sends.size());
            assertEquals(List.of("conn:7b1f2c/dialog:rec/record.r1", "conn:7b1f2c/dialog:rec/record.r2"),
                    sends.stream().map(s -> s.getAttribute("target")).toList());
            sends.forEach(send -> assertEquals(event, send.getAttribute("event")));
        }
    }

    @Test
    void stopIsADialogend() throws Exception {
        String body = MsmlBodies.dialogend(TAG);
        Element dialogend = only(assertRfc5707(body), "dialogend");
        assertEquals("conn:7b1f2c/dialog:rec", dialogend.getAttribute("id"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<msml version=\"1.1\">\n"
                + "  <dialogend id=\"conn:7b1f2c/dialog:rec\"/>\n</msml>", body);
    }

    @Test
    void resultsAreReadFromTheAnswer() throws Exception {
        assertRfc5707(MsmlBodies.result(200, null));
        assertRfc5707(MsmlBodies.result(500, "Internal media server error"));
        assertEquals(Optional.of(new MsmlBodies.Result(200, null, null)),
                MsmlBodies.resultOf("<msml version=\"1.1\"><result response=\"200\"/></msml>"));
        MsmlBodies.Result refused = MsmlBodies.resultOf("<?xml version=\"1.0\"?>\n<msml version=\"1.1\">"
                + "<result response=\"431\" mark=\"m1\"><description>name in use</description></result></msml>").orElseThrow();
        assertFalse(refused.ok());
        assertEquals("MSML result 431: name in use (mark m1)", refused.describe());
        assertEquals(Optional.empty(), MsmlBodies.resultOf(null));
        assertEquals(Optional.empty(), MsmlBodies.resultOf("not xml"));
        assertEquals(Optional.empty(), MsmlBodies.resultOf("<msml version=\"1.1\"><result/></msml>"));
        assertEquals(Optional.empty(), MsmlBodies.resultOf("<?xml version=\"1.0\"?><!DOCTYPE msml [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><msml version=\"1.1\"><result response=\"200\">&x;</result></msml>"),
                "a body with a DOCTYPE is not read");
    }

    @Test
    void eventsAreReadWithTheirNamesAndValues() {
        MsmlBodies.Event event = MsmlBodies.eventOf("<msml version=\"1.1\"><event name=\"msml.dialog.exit\" "
                + "id=\"conn:7b1f2c/dialog:rec\"><name>record.len</name><value>93000ms</value>"
                + "<name>record.end</name><value>record.complete.maxlength</value></event></msml>").orElseThrow();
        assertEquals("msml.dialog.exit", event.name());
        assertEquals("conn:7b1f2c/dialog:rec", event.id());
        assertEquals(Map.of("record.len", "93000ms", "record.end", "record.complete.maxlength"), event.values());
        assertEquals(Optional.empty(), MsmlBodies.eventOf("<msml version=\"1.1\"><result response=\"200\"/></msml>"));
    }

    @Test
    void recordDestinationsComeFromTheTemplate() {
        RecordingSessionSpec spec = spec(Map.of());
        assertEquals("file:///recordings/00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001.wav",
                RecordDestination.of(RecordDestination.DEFAULT_TEMPLATE, spec, DestinationRole.PRIMARY));
        assertEquals("file:///recordings/00RV9H7S6O8V3BSHAG7GK2LAES00002M_7001-dest2.wav",
                RecordDestination.of(RecordDestination.DEFAULT_TEMPLATE, spec, DestinationRole.DUPLICATE),
                "a duplicate never writes the primary's file");
        assertEquals("http://store/rec-42/7001/r2-duplicate.wav",
                RecordDestination.of("http://store/{recordingId}/{dn}/{record}-{role}.wav", spec, DestinationRole.DUPLICATE));
        RecordingSessionSpec odd = new RecordingSessionSpec("rec 1/2", null, null, "7001", "source", List.of(), Map.of(),
                "a b/ä", null);
        assertEquals("file:///r/a%20b%2F%C3%A4--rec%201%2F2.wav",
                RecordDestination.of("file:///r/{fileName}-{callUuid}-{recordingId}.wav", odd, DestinationRole.PRIMARY),
                "values are percent-encoded; a missing one is empty");
        assertThrows(IllegalArgumentException.class, () -> RecordDestination.validate("file:///{file}.wav"));
    }

    @Test
    void aFileNameThatAlreadyEndsInTheTemplatesExtensionDoesNotGetItTwice() {
        RecordingSessionSpec wav = new RecordingSessionSpec("rec-42", null, null, "7001", "source", List.of(), Map.of(),
                "call-7_7001.WAV", null);
        assertEquals("file:///recordings/call-7_7001.wav",
                RecordDestination.of(RecordDestination.DEFAULT_TEMPLATE, wav, DestinationRole.PRIMARY));
        assertEquals("file:///recordings/call-7_7001-dest2.wav",
                RecordDestination.of(RecordDestination.DEFAULT_TEMPLATE, wav, DestinationRole.DUPLICATE));
        assertEquals("file:///r/call-7_7001.WAV.mp3",
                RecordDestination.of("file:///r/{fileName}.mp3", wav, DestinationRole.PRIMARY), "another extension stays");
        assertEquals("file:///r/call-7_7001.WAV",
                RecordDestination.of("file:///r/{fileName}", wav, DestinationRole.PRIMARY), "no extension in the template");
        RecordingSessionSpec onlyExtension = new RecordingSessionSpec("rec-43", null, null, "7001", "source", List.of(),
                Map.of(), ".wav", null);
        assertEquals("file:///recordings/.wav.wav",
                RecordDestination.of(RecordDestination.DEFAULT_TEMPLATE, onlyExtension, DestinationRole.PRIMARY),
                "a name that is nothing but the extension is kept");
    }

    @Test
    void theRequestUriNamesTheConferenceTheDnAndTheRecordService() throws Exception {
        MsmlMessages messages = new MsmlMessages(new SipUserAgent("127.0.0.1", 5062, "tcp", Runnable::run));
        assertEquals("sip:msml=rec-42@ms.example.com:5070;dn=7001;record;transport=tcp",
                messages.requestUri("sip:rm@ms.example.com:5070;transport=tcp;dialect=msml", "rec-42", "7001").toString());
        assertEquals("sip:msml=rec%201%3B2@ms.example.com;dn=+15551230001;record",
                messages.requestUri("sip:ms.example.com", "rec 1;2", "+15551230001").toString());
    }

    @Test
    void aPrimaryAndADuplicateWithTheSameCandidatesShareADialog() {
        RecorderDestination primary = new RecorderDestination(List.of("sip:a", "sip:b"), DestinationRole.PRIMARY, Dialect.MSML);
        RecorderDestination sameServer = new RecorderDestination(List.of("sip:a", "sip:b"), DestinationRole.DUPLICATE, Dialect.MSML);
        RecorderDestination otherServer = new RecorderDestination(List.of("sip:c"), DestinationRole.DUPLICATE, Dialect.MSML);
        assertEquals(List.of(List.of(0, 1)), MsmlSetup.dialogGroups(List.of(primary, sameServer)));
        assertEquals(List.of(List.of(1, 0)), MsmlSetup.dialogGroups(List.of(sameServer, primary)).stream()
                .map(group -> group).toList(), "the primary's record comes first");
        assertEquals(List.of(List.of(0), List.of(1)), MsmlSetup.dialogGroups(List.of(primary, otherServer)));
        assertEquals(List.of(List.of(0)), MsmlSetup.dialogGroups(List.of(sameServer)));
    }

    /**
     * Well-formed; the root is {@code <msml version="1.1">} in no namespace; every element in no
     * namespace is one of RFC 5707's, with only its attributes, the mandatory ones present and
     * values of the schema's datatypes. Foreign elements are ours, and only inside a dialogstart.
     */
    private static Element assertRfc5707(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(body)));
        Element root = document.getDocumentElement();
        assertEquals("msml", root.getLocalName());
        assertEquals(null, root.getNamespaceURI(), "MSML has no namespace");
        assertEquals("1.1", root.getAttribute("version"));
        check(root, body);
        return root;
    }

    private static void check(Element element, String body) {
        if (element.getNamespaceURI() != null) {
            assertEquals(TLIB, element.getNamespaceURI(), body);
            Node parent = element.getParentNode();
            while (parent instanceof Element ancestor && ancestor.getNamespaceURI() != null) {
                parent = ancestor.getParentNode();
            }
            assertEquals("dialogstart", ((Element) parent).getLocalName(), "our element lives in the dialogstart: " + body);
            return;
        }
        String name = element.getLocalName();
        Set<String> allowed = RFC5707_ATTRIBUTES.get(name);
        assertNotNull(allowed, "<" + name + "> is not an RFC 5707 element the gateway should write: " + body);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                continue;
            }
            String attributeName = attribute.getLocalName();
            assertTrue(allowed.contains(attributeName), "<" + name + " " + attributeName + "> is not RFC 5707's: " + body);
            Pattern datatype = DATATYPES.get(name + "@" + attributeName);
            if (datatype != null) {
                assertTrue(datatype.matcher(attribute.getNodeValue()).matches(),
                        name + "@" + attributeName + "=\"" + attribute.getNodeValue() + "\" is not of its datatype");
            }
        }
        MANDATORY.getOrDefault(name, Set.of()).forEach(mandatory ->
                assertTrue(element.hasAttribute(mandatory), "<" + name + "> needs " + mandatory + ": " + body));
        children(element).forEach(child -> check(child, body));
    }

    private static Element only(Element parent, String name) {
        List<Element> children = children(parent);
        assertEquals(name, children.get(0).getLocalName());
        return children.get(0);
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }
}
