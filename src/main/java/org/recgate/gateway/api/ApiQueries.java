package org.recgate.gateway.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.Role;
import org.recgate.gateway.recording.CallQuery;
import org.recgate.recording.CallRecordingData;
import org.recgate.recording.Recording;
import org.recgate.recording.RecordingRegistry;
import org.recgate.session.Permissions;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.ScreenCaptureStates;

/**
 * The REST API's queries (docs/api.md): the calls and live recordings an application may see
 * ({@link Permissions#maySee}: a party in its DN scope), from the same registries and in the same
 * layout as {@code RequestQueryCall} ({@link CallQuery#describe}).
 */
public record ApiQueries(CallRegistry calls, RecordingRegistry recordings, ScreenCaptureStates screenCaptures) {

    /** {@code GET /application}: who the credentials are, for a client such as the console to know what it may do. */
    public Map<String, Object> application(@ExchangeProperty(ApiCredentials.APPLICATION) ApplicationConfig application) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", application.name());
        described.put("roles", application.roles().stream().map(Role::wireName).sorted().toList());
        described.put("dns", application.dns().toString());
        return described;
    }

    /** {@code GET /dns/{dn}/screen-capture}: the state the DN's vendor last indicated (null: none yet); 403 outside the scope. */
    public Map<String, Object> screenCapture(@ExchangeProperty(ApiCredentials.APPLICATION) ApplicationConfig application,
                                             @Header("dn") String dn) {
        Permissions.checkMayQuery(application);
        if (!Permissions.maySee(application, List.of(dn))) {
            throw new TlibException(ErrorCode.NOT_AUTHORIZED, "application '" + application.name()
                    + "' may not query DN " + dn + ": it is not in the application's dns");
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("dn", dn);
        state.put("state", screenCaptures.stateOf(dn).map(ScreenCapture::wireValue).orElse(null));
        return state;
    }

    /** {@code GET /calls[?dn=]}: the calls the application sees, oldest first; with {@code dn}, those it is a party of. */
    public List<Map<String, Object>> calls(@ExchangeProperty(ApiCredentials.APPLICATION) ApplicationConfig application,
                                           @Header("dn") String dn) {
        Permissions.checkMayQuery(application);
        return visible(application).stream().filter(call -> dn == null || call.hasParty(dn)).map(this::summary).toList();
    }

    /** {@code GET /calls/{connectionId}}: the call, its parties, user data and recordings (404, 403). */
    public Map<String, Object> call(@ExchangeProperty(ApiCredentials.APPLICATION) ApplicationConfig application,
                                    @Header("connectionId") String connectionId) {
        Permissions.checkMayQuery(application);
        Call call = calls.find(connectionId).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known to the gateway"));
        if (!Permissions.maySee(application, call.parties())) {
            throw new TlibException(ErrorCode.NOT_AUTHORIZED, "application '" + application.name()
                    + "' may not query call " + connectionId + ": none of its parties is in the application's dns");
        }
        Map<String, Object> details = summary(call);
        details.put("userData", call.userData());
        details.put("recordings", recordings.ofCall(connectionId).stream().map(ApiQueries::recording).toList());
        return details;
    }

    /** {@code GET /recordings[?state=On|Paused]}: the recordings that have not ended, of the calls the application sees. */
    public List<Map<String, Object>> live(@ExchangeProperty(ApiCredentials.APPLICATION) ApplicationConfig application,
                                          @Header("state") String state) {
        Permissions.checkMayQuery(application);
        if (state != null && !"On".equals(state) && !"Paused".equals(state)) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "state '" + state + "' must be On or Paused");
        }
        List<Map<String, Object>> live = new ArrayList<>();
        for (Call call : visible(application)) {
            recordings.ofCall(call.connectionId()).stream()
                    .filter(recording -> !recording.ended())
                    .filter(recording -> state == null || state.equals(recording.state().wireName()))
                    .forEach(recording -> live.add(recording(recording)));
        }
        return live;
    }

    private List<Call> visible(ApplicationConfig application) {
        return calls.all().stream().filter(call -> Permissions.maySee(application, call.parties()))
                .sorted(Comparator.comparing(Call::started)).toList();
    }

    private Map<String, Object> summary(Call call) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("connectionId", call.connectionId());
        summary.put("callUuid", call.callUuid());
        summary.put("parties", call.parties());
        summary.put("ani", call.ani());
        summary.put("dnis", call.dnis());
        summary.put("started", call.started().toString());
        summary.put(CallRecordingData.GSIP_RECORD, recordings.gsipRecord(call.connectionId()));
        return summary;
    }

    private static Map<String, Object> recording(Recording recording) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", recording.id());
        described.put("connectionId", recording.connectionId());
        described.putAll(CallQuery.describe(recording));
        return described;
    }
}
