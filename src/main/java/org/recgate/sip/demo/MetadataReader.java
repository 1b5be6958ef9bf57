package org.recgate.sip.demo;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads recording metadata (RFC 7865, namespace {@code urn:ietf:params:xml:ns:recording:1}) into a
 * {@link RecordingDescription}.
 * <p>
 * The gateway's own values sit in a foreign-namespace element {@code <rg:tlib>} (docs/sip-recorder.md).
 * It is found by its local name {@code tlib} in any namespace but the RFC's, so a gateway that
 * set its own {@code metadataNamespace} is still understood. No DOCTYPE is accepted: the body
 * comes from the network, and entities could make the parser read files or loop.
 */
final class MetadataReader {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:recording:1";

    private MetadataReader() {
    }

    /**
     * Reads a snapshot on top of what was known before: the values it carries replace those of
     * {@code before}; what a partial snapshot leaves out (no {@code <rg:tlib>}, no participants)
     * stays as it was.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML or its root is not
     *                                  the RFC 7865 {@code <recording>}
     */
    static RecordingDescription read(String xml, RecordingDescription before) {
        Element root = parse(xml).getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"recording".equals(root.getLocalName())) {
            throw new IllegalArgumentException("the root element is not <recording xmlns=\"" + NAMESPACE + "\">");
        }
        List<RecordingDescription.Participant> participants = participants(root);
        if (participants.isEmpty()) {
            participants = before.participants();
        }
        Element tlib = tlib(root);
        if (tlib == null) {
            return new RecordingDescription(before.recordingId(), before.connectionId(), before.callUuid(),
                    before.recordedDn(), before.side(), before.fileName(), before.params(), participants);
        }
        return description(tlib, participants);
    }

    /** The values of a {@code <rg:tlib>} element (null when one is missing), with these participants. */
    static RecordingDescription description(Element tlib, List<RecordingDescription.Participant> participants) {
        Element params = child(tlib, tlib.getNamespaceURI(), "params");
        return new RecordingDescription(text(tlib, "recordingId"), text(tlib, "connectionId"), text(tlib, "callUuid"),
                text(tlib, "recordedDn"), text(tlib, "side"), text(tlib, "fileName"),
                params == null ? Map.of() : params(params), participants);
    }

    /**
     * Parses XML from the network: namespace-aware, no DOCTYPE, no external entities.
     *
     * @throws IllegalArgumentException when the text is not well-formed XML
     */
    static Document parse(String xml) {
        try {
            // the JDK's own parser, without newInstance's class-path search on every call
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors; prints nothing
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }

    private static List<RecordingDescription.Participant> participants(Element root) {
        List<RecordingDescription.Participant> participants = new ArrayList<>();
        for (Element participant : children(root, NAMESPACE, "participant")) {
            Element nameId = child(participant, NAMESPACE, "nameID");
            Element name = nameId == null ? null : child(nameId, NAMESPACE, "name");
            participants.add(new RecordingDescription.Participant(attribute(participant, "participant_id"),
                    nameId == null ? null : attribute(nameId, "aor"),
                    name == null ? null : name.getTextContent().trim()));
        }
        return participants;
    }

    /** The first element named {@code tlib} in a namespace other than RFC 7865's, anywhere in the document. */
    static Element tlib(Element root) {
        NodeList candidates = root.getElementsByTagNameNS("*", "tlib");
        for (int i = 0; i < candidates.getLength(); i++) {
            Element candidate = (Element) candidates.item(i);
            if (candidate.getNamespaceURI() != null && !NAMESPACE.equals(candidate.getNamespaceURI())) {
                return candidate;
            }
        }
        return null;
    }

    /** {@code <rg:param name="k">v</rg:param>}, or a param holding params (a nested list). */
    private static Map<String, Object> params(Element parent) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Element param : children(parent, parent.getNamespaceURI(), "param")) {
            List<Element> nested = children(param, param.getNamespaceURI(), "param");
            params.put(attribute(param, "name"), nested.isEmpty() ? param.getTextContent() : params(param));
        }
        return params;
    }

    private static String text(Element tlib, String name) {
        Element element = child(tlib, tlib.getNamespaceURI(), name);
        return element == null ? null : element.getTextContent().trim();
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())
                    && Objects.equals(namespace, element.getNamespaceURI())) {
                found.add(element);
            }
        }
        return found;
    }
}
