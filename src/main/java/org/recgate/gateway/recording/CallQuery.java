package org.recgate.gateway.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.gateway.TlibExchange;
import org.recgate.recording.CallRecordingData;
import org.recgate.recording.Recording;
import org.recgate.recording.RecordingDestination;
import org.recgate.recording.RecordingRegistry;
import org.recgate.session.ClientSession;
import org.recgate.session.Permissions;
import org.recgate.sip.DestinationRole;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.tlib.model.Replies;

/**
 * {@code RequestQueryCall} → {@code EventPartyInfo}: the call's recording state, its parties and
 * its recordings (docs/protocol.md shows the layout), for the clients of the call's DNs and their
 * supervisors ({@link Permissions#checkMayQuery}). A step of the dispatch route.
 */
public record CallQuery(CallRegistry calls, RecordingRegistry recordings) {

    /** The answer, for a client that registered a party of the call or supervises one (2002 otherwise). */
    public TlibMessage query(@ExchangeProperty(TlibExchange.SESSION) ClientSession session, @Body TlibMessage request) {
        String connectionId = request.require(Attr.CONNECTION_ID);
        Call call = calls.find(connectionId).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known to the gateway"));
        Permissions.checkMayQuery(session, connectionId, call.parties());
        Map<String, Object> userData = new LinkedHashMap<>();
        userData.put(CallRecordingData.GSIP_RECORD, recordings.gsipRecord(connectionId));
        Object fileName = call.userData().get(CallRecordingData.GSIP_REC_FN);
        if (fileName != null) {
            userData.put(CallRecordingData.GSIP_REC_FN, fileName);
        }
        Map<String, Object> parties = new LinkedHashMap<>();
        call.parties().forEach(dn -> parties.put(dn, recordings.ofCall(connectionId).stream()
                .filter(r -> r.recordedDn().equals(dn)).map(r -> r.state().wireName()).findFirst().orElse("Off")));
        Map<String, Object> byId = new LinkedHashMap<>();
        recordings.ofCall(connectionId).forEach(recording -> byId.put(recording.id(), describe(recording)));
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("parties", parties);
        extensions.put("recordings", byId);
        return Replies.replyTo(request, MessageName.EVENT_PARTY_INFO)
                .with(Attr.CONNECTION_ID, connectionId)
                .with(Attr.CALL_UUID, call.callUuid())
                .with(Attr.USER_DATA, userData)
                .with(Attr.EXTENSIONS, extensions);
    }

    /** One recording as RequestQueryCall and the REST API show it. */
    public static Map<String, Object> describe(Recording recording) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("dn", recording.recordedDn());
        description.put("record", recording.side().wireName());
        // the state now, a pending one included (Starting while the recorder has not answered the START);
        // GSIP_RECORD keeps the last stable one (docs/protocol.md, RequestQueryCall)
        description.put("state", recording.state().wireName());
        description.put("cause", (recording.endCause() != null ? recording.endCause() : recording.startCause()).wireName());
        description.put("file", recording.fileName());
        for (RecordingDestination destination : recording.destinations()) {
            String key = destination.role() == DestinationRole.PRIMARY ? "dest" : "dest2";
            description.put(key, destination.uri());
            if (destination.status() != null) {
                description.put(key + "-status", destination.status().wireName());
            }
        }
        return description;
    }
}
