package org.recgate.gateway.recording;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.recgate.call.Call;
import org.recgate.recording.CallRecordingData;
import org.recgate.recording.RecordingChange;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RequestedBy;
import org.recgate.gateway.session.OutboundSteps;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.TlibMessage;

/**
 * Steps of the {@code recording-indications} route (docs/recording.md §2, §5): the call's user data
 * (GSIP_RECORD, GSIP_REC_FN) and the {@code EventAttachedDataChanged} that tells its clients.
 */
public final class IndicationSteps {

    private final RecordingRegistry recordings;

    public IndicationSteps(RecordingRegistry recordings) {
        this.recordings = recordings;
    }

    /**
     * Brings the call's GSIP_RECORD (and, once the first recording is On, GSIP_REC_FN) up to date and
     * returns the EventAttachedDataChanged that tells its clients, or null when neither changed. Whom
     * it goes to is left in the
     * {@value OutboundSteps#TO_DNS} header: each client registered on a party's DN, on the recorded DN
     * (which may have just left the call: its agent learns the recording ended) or on the DN that asked
     * for it. One {@code bean} step, not a {@code setHeader} of a "changed" bean expression: Camel
     * evaluates a bean expression on a copy of the exchange (its headers and properties copied there
     * and back), which cost a measurable share of each request (docs/performance.md).
     */
    public TlibMessage attachedDataChanged(Exchange exchange, @Body RecordingChange change) {
        if (!CallRecordingData.update(change.call(), recordings, change.recording(), change.change())) {
            return null;
        }
        Call call = change.call();
        Set<String> dns = new LinkedHashSet<>(call.parties());
        dns.add(change.recording().recordedDn());
        RequestedBy requestedBy = change.recording().requestedBy();
        if (requestedBy != null && requestedBy.thisDn() != null) {
            dns.add(requestedBy.thisDn());
        }
        exchange.getMessage().setHeader(OutboundSteps.TO_DNS, dns);
        Map<String, Object> userData = new LinkedHashMap<>();
        Map<String, Object> current = call.userData();
        userData.put(CallRecordingData.GSIP_RECORD, current.get(CallRecordingData.GSIP_RECORD));
        if (current.containsKey(CallRecordingData.GSIP_REC_FN)) {
            userData.put(CallRecordingData.GSIP_REC_FN, current.get(CallRecordingData.GSIP_REC_FN));
        }
        String recordedDn = change.recording().recordedDn();
        return TlibMessage.of(MessageName.EVENT_ATTACHED_DATA_CHANGED)
                .with(Attr.CONNECTION_ID, call.connectionId())
                .with(Attr.THIS_DN, recordedDn)
                .with(Attr.THIRD_PARTY_DN, requestedBy == null || recordedDn.equals(requestedBy.thisDn()) ? null : requestedBy.thisDn())
                .with(Attr.USER_DATA, userData);
    }
}
