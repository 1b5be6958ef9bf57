package org.recgate.sip.siprec;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.recgate.sip.Participant;
import org.recgate.sip.RecordingSessionSpec;

/**
 * The recording metadata (RFC 7865) of one recording session, always a complete snapshot.
 * <p>
 * Elements follow the schema's order (datamode, session, participant*, stream*,
 * participantstreamassoc*). The participants are the call's parties, each with one
 * {@code nameID aor="sip:<dn>@<domain>"}; the recorded side sends {@link RecordedStream#RECORDED_SIDE}
 * and hears {@link RecordedStream#OTHER_SIDE}, every other party the reverse. What only the
 * gateway knows — recording id, connection id, call UUID, recorded DN, side, file name, params —
 * goes in a foreign-namespace element of our own inside {@code <session>}
 * ({@code <rg:tlib xmlns:rg="urn:recgate:tlib:1">}); never {@code extensiondata}, which is
 * not in the RFC's schema.
 */
public final class RecordingMetadata {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:recording:1";
    static final String CONTENT_TYPE = "application/rs-metadata+xml";
    static final String DISPOSITION = "recording-session";

    private static final String EXTENSION_PREFIX = "rg";
    private static final Pattern SNAPSHOT_REQUEST =
            Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?requestsnapshot[\\s/>]");

    private RecordingMetadata() {
    }

    /** A complete snapshot of the session's metadata. */
    static String complete(RecordingSessionSpec spec, MetadataIds ids, String domain, String extensionNamespace) {
        StringWriter out = new StringWriter();
        try {
            Xml xml = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(out));
            xml.start();
            xml.leaf("datamode", "complete");
            session(xml, spec, ids, extensionNamespace);
            List<Participant> parties = parties(spec);
            for (Participant party : parties) {
                xml.open("participant").attribute("participant_id", ids.of(participantKey(party)));
                String aor = "sip:" + party.dn() + "@" + domain;
                if (party.name() == null || party.name().isBlank()) {
                    xml.empty("nameID").attribute("aor", aor);
                } else {
                    xml.open("nameID").attribute("aor", aor);
                    xml.leaf("name", party.name());
                    xml.close();
                }
                xml.close();
            }
            for (RecordedStream stream : RecordedStream.values()) {
                xml.open("stream").attribute("stream_id", ids.of(streamKey(stream)))
                        .attribute("session_id", ids.of("session"));
                xml.leaf("label", stream.label());
                xml.close();
            }
            for (Participant party : parties) {
                boolean recordedSide = isRecordedSide(spec, party);
                xml.open("participantstreamassoc").attribute("participant_id", ids.of(participantKey(party)));
                xml.leaf("send", ids.of(streamKey(recordedSide ? RecordedStream.RECORDED_SIDE : RecordedStream.OTHER_SIDE)));
                xml.leaf("recv", ids.of(streamKey(recordedSide ? RecordedStream.OTHER_SIDE : RecordedStream.RECORDED_SIDE)));
                xml.close();
            }
            xml.end();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write recording metadata", e);
        }
        return out.toString();
    }

    /** Whether a body from the recorder asks for a metadata snapshot (RFC 7865 §7, {@code <requestsnapshot>}). */
    static boolean requestsSnapshot(String body) {
        return body != null && SNAPSHOT_REQUEST.matcher(body).find();
    }

    private static void session(Xml xml, RecordingSessionSpec spec, MetadataIds ids, String extensionNamespace)
            throws XMLStreamException {
        xml.open("session").attribute("session_id", ids.of("session"));
        if (spec.startTime() != null) {
            xml.leaf("start-time", rfc3339(spec.startTime()));
        }
        xml.openForeign(EXTENSION_PREFIX, "tlib", extensionNamespace);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("recordingId", spec.recordingId());
        values.put("connectionId", spec.connectionId());
        values.put("callUuid", spec.callUuid());
        values.put("recordedDn", spec.recordedDn());
        values.put("side", spec.side());
        values.put("fileName", spec.fileName());
        for (Map.Entry<String, Object> value : values.entrySet()) {
            if (value.getValue() != null) {
                xml.foreignLeaf(EXTENSION_PREFIX, value.getKey(), extensionNamespace, value.getValue().toString());
            }
        }
        if (!spec.params().isEmpty()) {
            xml.openForeign(EXTENSION_PREFIX, "params", extensionNamespace);
            params(xml, spec.params(), extensionNamespace);
            xml.close();
        }
        xml.close();
        xml.close();
    }

    /** {@code <rg:param name="k">v</rg:param>} in name order; a nested KV list nests its params. */
    private static void params(Xml xml, Map<?, ?> params, String extensionNamespace) throws XMLStreamException {
        List<Map.Entry<?, ?>> sorted = new ArrayList<>(params.entrySet());
        sorted.sort(Comparator.comparing(param -> param.getKey().toString()));
        for (Map.Entry<?, ?> param : sorted) {
            if (param.getValue() instanceof Map<?, ?> nested) {
                xml.openForeign(EXTENSION_PREFIX, "param", extensionNamespace).attribute("name", param.getKey().toString());
                params(xml, nested, extensionNamespace);
                xml.close();
            } else {
                xml.openForeign(EXTENSION_PREFIX, "param", extensionNamespace).attribute("name", param.getKey().toString());
                xml.text(String.valueOf(param.getValue()));
                xml.closeInline();
            }
        }
    }

    /** The spec's parties, once each; the recorded DN is added when the spec does not list it. */
    static List<Participant> parties(RecordingSessionSpec spec) {
        Map<String, Participant> byDn = new LinkedHashMap<>();
        spec.participants().forEach(p -> byDn.putIfAbsent(p.dn(), p));
        if (spec.recordedDn() != null) {
            byDn.putIfAbsent(spec.recordedDn(), new Participant(spec.recordedDn(), null, true));
        }
        return new ArrayList<>(byDn.values());
    }

    private static boolean isRecordedSide(RecordingSessionSpec spec, Participant party) {
        return party.recorded() || party.dn().equals(spec.recordedDn());
    }

    private static String participantKey(Participant party) {
        return "participant:" + party.dn();
    }

    private static String streamKey(RecordedStream stream) {
        return "stream:" + stream.label();
    }

    /** RFC 3339 in UTC with upper-case T and Z (RFC 7865 §6.9). */
    private static String rfc3339(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A StAX writer that indents: one element a line, two spaces a level. */
    private static final class Xml {
        private final XMLStreamWriter writer;
        private int depth;

        Xml(XMLStreamWriter writer) {
            this.writer = writer;
        }

        void start() throws XMLStreamException {
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeCharacters("\n");
            writer.setDefaultNamespace(NAMESPACE);
            writer.writeStartElement(NAMESPACE, "recording");
            writer.writeDefaultNamespace(NAMESPACE);
            depth = 1;
        }

        Xml open(String name) throws XMLStreamException {
            indent();
            writer.writeStartElement(NAMESPACE, name);
            depth++;
            return this;
        }

        Xml empty(String name) throws XMLStreamException {
            indent();
            writer.writeEmptyElement(NAMESPACE, name);
            return this;
        }

        Xml openForeign(String prefix, String name, String namespace) throws XMLStreamException {
            indent();
            boolean declare = !namespace.equals(writer.getNamespaceContext().getNamespaceURI(prefix));
            writer.writeStartElement(prefix, name, namespace);
            if (declare) {
                writer.writeNamespace(prefix, namespace);
            }
            depth++;
            return this;
        }

        Xml attribute(String name, String value) throws XMLStreamException {
            writer.writeAttribute(name, value);
            return this;
        }

        void text(String text) throws XMLStreamException {
            writer.writeCharacters(text);
        }

        void leaf(String name, String text) throws XMLStreamException {
            indent();
            writer.writeStartElement(NAMESPACE, name);
            writer.writeCharacters(text);
            writer.writeEndElement();
        }

        void foreignLeaf(String prefix, String name, String namespace, String text) throws XMLStreamException {
            indent();
            writer.writeStartElement(prefix, name, namespace);
            writer.writeCharacters(text);
            writer.writeEndElement();
        }

        void close() throws XMLStreamException {
            depth--;
            indent();
            writer.writeEndElement();
        }

        /** Ends an element that holds text only, on the same line. */
        void closeInline() throws XMLStreamException {
            depth--;
            writer.writeEndElement();
        }

        void end() throws XMLStreamException {
            depth = 0;
            indent();
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.flush();
        }

        private void indent() throws XMLStreamException {
            writer.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
