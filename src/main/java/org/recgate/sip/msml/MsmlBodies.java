package org.recgate.sip.msml;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.IndentedXml;
import org.recgate.sip.session.TlibExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The MSML bodies (RFC 5707) of a recording, as the gateway sends them in INFO, and what it reads
 * from the media server's answers and events. Element and attribute names are RFC 5707's; the
 * root is {@code <msml version="1.1">} in no namespace.
 * <ul>
 * <li>start: {@code <dialogstart target="conn:<MS To-tag>" type="application/moml+xml" name="rec">}
 *     wrapping {@code <group topology="parallel">} with one {@code <record id dest format maxtime/>}
 *     per destination (r1 for the primary, r2 for the duplicate), then our own
 *     {@code <rg:tlib>} element (recording id, call, params) for the media server's logs;</li>
 * <li>pause / resume: {@code <send event="pause|resume" target="conn:X/dialog:rec/record.rN"/>},
 *     one per record;</li>
 * <li>stop: {@code <dialogend id="conn:X/dialog:rec"/>}; stopping one record of two:
 *     {@code <send event="terminate" target=".../record.rN"/>}.</li>
 * </ul>
 */
public final class MsmlBodies {

    public static final String VERSION = "1.1";
    /** The name of our dialog on the connection: {@code conn:<To-tag>/dialog:rec}. */
    public static final String DIALOG_NAME = "rec";
    public static final String MOML = "application/moml+xml";
    public static final String DIALOG_EXIT = "msml.dialog.exit";

    /** The media server's answer to one MSML request: {@code <result response="200"/>}. */
    public record Result(int code, String description, String mark) {
        public boolean ok() {
            return code == 200;
        }

        /** "MSML result 404: no such record (mark r2)" */
        public String describe() {
            return "MSML result " + code + (description == null || description.isBlank() ? "" : ": " + description.trim())
                    + (mark == null ? "" : " (mark " + mark + ")");
        }
    }

    /** An event from the media server: {@code <event name= id=><name/><value/>...</event>}. */
    public record Event(String name, String id, Map<String, String> values) {
    }

    private MsmlBodies() {
    }

    /** r1 for the primary, r2 for the duplicate. */
    public static String recordId(DestinationRole role) {
        return role == DestinationRole.DUPLICATE ? "r2" : "r1";
    }

    public static String connection(String toTag) {
        return "conn:" + toTag;
    }

    /** {@code conn:<To-tag>/dialog:rec} */
    public static String dialogId(String toTag) {
        return connection(toTag) + "/dialog:" + DIALOG_NAME;
    }

    /** {@code conn:<To-tag>/dialog:rec/record.rN} */
    public static String recordTarget(String toTag, String recordId) {
        return dialogId(toTag) + "/record." + recordId;
    }

    /** One record of the group. */
    public record Record(String id, String dest) {
    }

    /** START: a dialog on the connection with the records in a parallel group, and our own element. */
    public static String dialogstart(String toTag, List<Record> records, String format, String maxTime,
                                     RecordingSessionSpec spec, String extensionNamespace) {
        return write(xml -> {
            xml.open("dialogstart").attribute("target", connection(toTag)).attribute("type", MOML)
                    .attribute("name", DIALOG_NAME);
            xml.open("group").attribute("topology", "parallel");
            for (Record record : records) {
                xml.empty("record").attribute("id", record.id()).attribute("dest", record.dest())
                        .attribute("format", format).attribute("maxtime", maxTime);
            }
            xml.close();
            if (spec != null) {
                TlibExtension.write(xml, spec, extensionNamespace);
            }
            xml.close();
        });
    }

    /** PAUSE / RESUME / terminate one record: {@code <send event= target=/>} per target. */
    public static String send(String event, List<String> targets) {
        return write(xml -> {
            for (String target : targets) {
                xml.empty("send").attribute("event", event).attribute("target", target);
            }
        });
    }

    /** STOP: {@code <dialogend id="conn:X/dialog:rec"/>}. */
    public static String dialogend(String toTag) {
        return write(xml -> xml.empty("dialogend").attribute("id", dialogId(toTag)));
    }

    /** A result, as a media server answers (what the test recorders send). */
    public static String result(int code, String description) {
        return write(xml -> {
            if (description == null) {
                xml.empty("result").attribute("response", Integer.toString(code));
            } else {
                xml.open("result").attribute("response", Integer.toString(code));
                xml.leaf("description", description);
                xml.close();
            }
        });
    }

    /** The {@code <result>} of an answer's body, if it holds one. */
    public static Optional<Result> resultOf(String body) {
        return root(body).flatMap(root -> child(root, "result")).flatMap(result -> {
            try {
                int code = Integer.parseInt(result.getAttribute("response").trim());
                String description = child(result, "description").map(Node::getTextContent).orElse(null);
                String mark = result.hasAttribute("mark") ? result.getAttribute("mark") : null;
                return Optional.of(new Result(code, description, mark));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code <event>} of a request's body, if it holds one. */
    public static Optional<Event> eventOf(String body) {
        return root(body).flatMap(root -> child(root, "event")).map(event -> {
            Map<String, String> values = new LinkedHashMap<>();
            String name = null;
            for (Node node = event.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    if ("name".equals(element.getTagName())) {
                        name = element.getTextContent().trim();
                    } else if (name != null) {
                        values.put(name, element.getTextContent().trim());
                        name = null;
                    }
                }
            }
            return new Event(event.getAttribute("name"), event.getAttribute("id"), values);
        });
    }

    private interface Content {
        void write(IndentedXml xml) throws XMLStreamException;
    }

    private static String write(Content content) {
        StringWriter out = new StringWriter();
        try {
            // newDefaultFactory, not newFactory: the latter searches the class path for a provider on
            // every call (ServiceLoader), measured at a tenth of the gateway's CPU per recording cycle.
            IndentedXml xml = new IndentedXml(XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out), null);
            xml.start("msml").attribute("version", VERSION);
            content.write(xml);
            xml.end();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write an MSML body", e);
        }
        return out.toString();
    }

    /** The {@code <msml>} root of a body; nothing for no body, another root or bad XML. */
    private static Optional<Element> root(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            Document document = parser().parse(new InputSource(new StringReader(body.trim())));
            Element root = document.getDocumentElement();
            return "msml".equals(root.getTagName()) ? Optional.of(root) : Optional.empty();
        } catch (SAXException | java.io.IOException | ParserConfigurationException e) {
            return Optional.empty();
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && name.equals(element.getTagName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** A parser that fetches nothing and expands no entities (bodies come from the network). */
    private static DocumentBuilder parser() throws ParserConfigurationException {
        // the JDK's own parser, without newInstance's class-path search on every call
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
        return builder;
    }
}
