package org.recgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.recgate.testing.TlibTestClient.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.recgate.sip.SippRecorder;

/** Requests and settings the recording tests share. */
public final class Recordings {

    private Recordings() {
    }

    /** RequestPrivateService with the given AttrPrivateMsgID and extensions. */
    public static ObjectNode privateService(String msgId, String dn, String connectionId, Map<String, String> extensions) {
        ObjectNode request = message("RequestPrivateService").put("AttrPrivateMsgID", msgId)
                .put("AttrThisDN", dn).put("AttrConnectionID", connectionId);
        ObjectNode ext = request.putObject("AttrExtensions");
        extensions.forEach(ext::put);
        return request;
    }

    /** The switch feed establishes a call between two DNs (with call UUID, ANI and DNIS). */
    public static void establish(TlibTestClient feed, String connectionId, String thisDn, String otherDn) throws Exception {
        JsonNode ack = feed.request(message("EventEstablished").put("AttrConnectionID", connectionId)
                .put("AttrThisDN", thisDn).put("AttrOtherDN", otherDn).put("AttrCallUUID", "UUID" + connectionId)
                .put("AttrANI", "+15550100").put("AttrDNIS", "800"));
        assertEquals("EventACK", ack.path("message").asText(), ack::toString);
    }

    public static boolean attachedData(JsonNode event, String gsipRecord) {
        return "EventAttachedDataChanged".equals(event.path("message").asText())
                && gsipRecord.equals(event.path("AttrUserData").path("GSIP_RECORD").asText());
    }

    /**
     * Gateway settings for recordings to {@code recorderUri}, on a free SIP port of the transport.
     * No keepalives: these sipp scenarios play one call each, and an OPTIONS would be another
     * (RecorderLivenessIT tests liveness).
     */
    public static Map<String, String> recorderSettings(String recorderUri, String transport) throws Exception {
        return Map.of("recgate.recorder.uri", recorderUri,
                "recgate.recorder.keepalive-ms", "0",
                "recgate.recorder.allowed-hosts", "127.0.0.1",
                "recgate.sip.port", Integer.toString(FreePorts.free(transport)),
                "recgate.sip.transport", transport,
                "recgate.recorder.timeout-ms", "2000");
    }
}
