package org.recgate.recording;

import java.util.LinkedHashMap;
import java.util.Map;
import org.recgate.call.Call;

/**
 * The call's recording user data (docs/recording.md §2): {@code GSIP_RECORD}, the call-level state, and
 * {@code GSIP_REC_FN}, the file name of the call's first recording that went On.
 */
public final class CallRecordingData {

    public static final String GSIP_RECORD = "GSIP_RECORD";
    public static final String GSIP_REC_FN = "GSIP_REC_FN";

    private CallRecordingData() {
    }

    /** Brings the call's user data up to date after {@code change}; true when a value changed. */
    public static boolean update(Call call, RecordingRegistry recordings, Recording recording, StateChange change) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(GSIP_RECORD, recordings.gsipRecord(call.connectionId()));
        if (change.next() == RecordingState.ON && !call.userData().containsKey(GSIP_REC_FN)) {
            values.put(GSIP_REC_FN, recording.fileName());
        }
        return call.attach(values);
    }
}
