package org.recgate.sip.siprec;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import org.recgate.sip.Participant;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.IndentedXml;
import org.recgate.sip.session.RecordedStream;
import org.recgate.sip.session.TlibExtension;

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

        private static final Pattern SNAPSHOT_REQUEST =
            Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?requestsnapshot[\\s/>]");

    private RecordingMetadata() {
    }

    /** A complete snapshot of the session's metadata. */
    static String complete(RecordingSessionSpec spec, MetadataIds ids, String domain, String extensionNamespace) {
        StringWriter out = new StringWriter();
        try {
            // newDefaultFactory, not newFactory: the latter searches the class path for a provider on
            // every call (ServiceLoader), measured at a tenth of the gateway's CPU per recording cycle.
            IndentedXml xml = new IndentedXml(XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out), NAMESPACE);
            xml.start("recording");
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

    private static void session(IndentedXml xml, RecordingSessionSpec spec, MetadataIds ids, String extensionNamespace)
            throws XMLStreamException {
        xml.open("session").attribute("session_id", ids.of("session"));
        if (spec.startTime() != null) {
            xml.leaf("start-time", rfc3339(spec.startTime()));
        }
        TlibExtension.write(xml, spec, extensionNamespace);
        xml.close();
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
}
