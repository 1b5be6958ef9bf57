package org.recgate.sip.msml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.takeover.StoredDialog;

/**
 * An MSML dialog's state, as a {@code DestinationResult} carries it and a RESTORE gives it back
 * (docs/sip-recorder.md, "Restoring a recording"; docs/durable-state.md §7):
 * {@code {"dialog": <StoredDialog>, "msml": {"connection": "conn:<To-tag>", "dialog": "rec",
 * "sdpSessionId": n, "records": [{"id": "r1", "role": "PRIMARY", "dest": "...", "live": true,
 * "paused": false}]}}}. Every destination the dialog serves carries the same state.
 *
 * @param dialog       the SIP dialog as last accepted
 * @param sdpSessionId the SDP {@code o=} session id
 * @param records      the dialog's records as they stood
 */
record MsmlDialogState(StoredDialog dialog, long sdpSessionId, List<StoredRecord> records) {

    /** One {@code <record>} of the dialog. */
    record StoredRecord(String id, DestinationRole role, String dest, boolean live, boolean paused) {
    }

    /** The state of {@code recorderDialog}'s SIP dialog and records, read once the dialog's last request is answered. */
    static Map<String, Object> capture(RecorderDialog<MsmlConnection> recorderDialog, String transport) {
        MsmlConnection connection = recorderDialog.session();
        StoredDialog dialog = StoredDialog.capture(recorderDialog.dialog(), recorderDialog.key().uri(), transport,
                connection.sdp(), connection.sdpAnswer());
        List<StoredRecord> records = connection.records().stream().map(r -> new StoredRecord(r.id(), r.role(), r.dest(),
                r.live().get(), r.paused().get())).toList();
        return new MsmlDialogState(dialog, connection.sdpSessionId(), records).toMap();
    }

    Map<String, Object> toMap() {
        List<Map<String, Object>> recordList = new ArrayList<>();
        for (StoredRecord record : records) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", record.id());
            entry.put("role", record.role().name());
            entry.put("dest", record.dest());
            entry.put("live", record.live());
            entry.put("paused", record.paused());
            recordList.add(entry);
        }
        Map<String, Object> msml = new LinkedHashMap<>();
        msml.put("connection", MsmlBodies.connection(dialog.remoteTag()));
        msml.put("dialog", MsmlBodies.DIALOG_NAME);
        msml.put("sdpSessionId", sdpSessionId);
        msml.put("records", recordList);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("dialog", dialog.toMap());
        state.put("msml", msml);
        return state;
    }

    /** The state in {@code map} ({@link #toMap()}); an {@link IllegalArgumentException} saying what is wrong with it. */
    static MsmlDialogState fromMap(Map<String, Object> map) {
        if (!(map.get("msml") instanceof Map<?, ?> msml) || !(map.get("dialog") instanceof Map<?, ?> dialog)) {
            throw new IllegalArgumentException("dialog state: no 'dialog' and 'msml' objects");
        }
        if (!(msml.get("sdpSessionId") instanceof Number sessionId) || sessionId.longValue() < 1
                || !(msml.get("records") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("dialog state: msml needs a positive sdpSessionId and records");
        }
        List<StoredRecord> records = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> record) || !(record.get("id") instanceof String id)
                    || !(record.get("role") instanceof String role) || !(record.get("dest") instanceof String dest)) {
                throw new IllegalArgumentException("dialog state: an msml record needs an id, a role and a dest: " + element);
            }
            records.add(new StoredRecord(id, DestinationRole.valueOf(role), dest, Boolean.TRUE.equals(record.get("live")),
                    Boolean.TRUE.equals(record.get("paused"))));
        }
        return new MsmlDialogState(StoredDialog.fromMap(dialog), sessionId.longValue(), records);
    }

    /**
     * The connection as this process continues it: the media server's To-tag names it, the records
     * are the stored ones (for the recording of {@code spec}, on the stored media server), and the
     * takeover's offer is one version above the stored one (RFC 3264 §8).
     */
    MsmlConnection connection(RecordingSessionSpec spec, MsmlSettings settings) {
        RecorderDialog.Key key = new RecorderDialog.Key(spec.recordingId(), dialog.recorder());
        List<MsmlConnection.Record> restored = records.stream().map(r -> new MsmlConnection.Record(r.id(), key, r.role(),
                r.dest(), new AtomicBoolean(r.live()), new AtomicBoolean(r.paused()))).toList();
        MsmlConnection connection = new MsmlConnection(settings, restored, sdpSessionId, dialog.sdpVersion() + 1);
        connection.toTag(dialog.remoteTag());
        connection.sdpAnswer(dialog.sdpAnswer());
        return connection;
    }

    /** Whether the stored record serving the destination of {@code role} was paused. */
    boolean paused(DestinationRole role) {
        return records.stream().anyMatch(r -> r.role() == role && r.paused());
    }
}
