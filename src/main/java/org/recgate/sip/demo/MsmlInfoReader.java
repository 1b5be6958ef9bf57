package org.recgate.sip.demo;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the MSML body of an INFO (RFC 5707: root {@code <msml version="1.1">} in no namespace)
 * into one {@link MsmlInfo}: a {@code <dialogstart>}, {@code <send>} elements with one event, or a
 * {@code <dialogend>}. That is what the gateway's {@code sip-recorder} sends (docs/sip-recorder.md);
 * a body mixing them, or holding anything else, is refused. As for metadata, no DOCTYPE is accepted.
 */
final class MsmlInfoReader {

    private MsmlInfoReader() {
    }

    /**
     * @param before what was known before (from the Request-URI), kept when the dialogstart has no
     *               {@code <rg:tlib>}
     * @throws IllegalArgumentException when the body is not such an MSML request; the message says why
     */
    static MsmlInfo read(String body, RecordingDescription before) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the INFO has no MSML body");
        }
        Element root = MetadataReader.parse(body.trim()).getDocumentElement();
        if (!"msml".equals(root.getLocalName()) || root.getNamespaceURI() != null) {
            throw new IllegalArgumentException("the root element is not <msml>");
        }
        List<Element> requests = elements(root);
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("<msml> holds no request");
        }
        String kind = requests.get(0).getLocalName();
        if (requests.stream().anyMatch(request -> !kind.equals(request.getLocalName()))) {
            throw new IllegalArgumentException("<msml> mixes requests; the demo recorder takes one kind per INFO");
        }
        return switch (kind) {
            case "dialogstart" -> dialogstart(only(requests), before);
            case "send" -> send(requests);
            case "dialogend" -> new MsmlInfo.DialogEnd(required(only(requests), "id"));
            default -> throw new IllegalArgumentException("unsupported MSML request <" + kind + ">");
        };
    }

    private static MsmlInfo.DialogStart dialogstart(Element dialogstart, RecordingDescription before) {
        List<MsmlFile.Record> records = new ArrayList<>();
        for (Element child : elements(dialogstart)) {
            if ("record".equals(child.getLocalName())) {
                records.add(record(child));
            } else if ("group".equals(child.getLocalName())) {
                elements(child).stream().filter(element -> "record".equals(element.getLocalName()))
                        .forEach(element -> records.add(record(element)));
            }
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("<dialogstart> has no <record>");
        }
        Element tlib = MetadataReader.tlib(dialogstart);
        RecordingDescription description = tlib == null ? before : MetadataReader.description(tlib, before.participants());
        return new MsmlInfo.DialogStart(required(dialogstart, "target"), required(dialogstart, "name"), records,
                description);
    }

    private static MsmlFile.Record record(Element record) {
        return new MsmlFile.Record(required(record, "id"), optional(record, "dest"), optional(record, "format"),
                optional(record, "maxtime"), RecordingFile.State.RECORDING);
    }

    private static MsmlInfo.Send send(List<Element> sends) {
        String event = required(sends.get(0), "event");
        List<String> targets = new ArrayList<>();
        for (Element send : sends) {
            if (!event.equals(required(send, "event"))) {
                throw new IllegalArgumentException("<send> elements with different events");
            }
            targets.add(required(send, "target"));
        }
        return new MsmlInfo.Send(event, targets);
    }

    private static Element only(List<Element> requests) {
        if (requests.size() > 1) {
            throw new IllegalArgumentException("more than one <" + requests.get(0).getLocalName() + ">");
        }
        return requests.get(0);
    }

    private static String required(Element element, String attribute) {
        String value = optional(element, attribute);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("<" + element.getLocalName() + "> has no " + attribute);
        }
        return value.trim();
    }

    private static String optional(Element element, String attribute) {
        return element.hasAttribute(attribute) ? element.getAttribute(attribute) : null;
    }

    /** The child elements in no namespace (RFC 5707's), in document order. */
    private static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getNamespaceURI() == null) {
                found.add(element);
            }
        }
        return found;
    }
}
