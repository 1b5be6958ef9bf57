package org.recgate.sip.demo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo recorder writes for one MSML session (one SIP dialog with a media server client):
 * the fields of a SIPREC session's file ({@link RecordingFile}), plus {@code dialect},
 * {@code connection}, {@code dialog} and the {@code records}. Immutable, like {@link RecordingFile}.
 *
 * @param dialect    always {@code msml}
 * @param recording  the recording id and DN from the Request-URI, then the {@code <rg:tlib>} values
 * @param state      connected (no dialog yet), recording, paused or stopped
 * @param connection {@code conn:<our To-tag>}
 * @param dialog     {@code conn:<our To-tag>/dialog:<name>} once a dialogstart came, else null
 * @param records    the dialog's records
 * @param sip        the SIP facts of the session
 * @param events     what happened, oldest first
 * @param msml       the last MSML body received
 */
record MsmlFile(String dialect, @JsonUnwrapped RecordingDescription recording, State state, String connection,
                String dialog, List<Record> records, RecordingFile.Sip sip, List<RecordingFile.Event> events,
                String msml) implements SessionFile {

    static final String DIALECT = "msml";

    /** Where the session stands. */
    enum State implements SessionFile.Stage {
        CONNECTED, RECORDING, PAUSED, STOPPED
    }

    /**
     * One {@code <record>} of the dialog.
     *
     * @param id      its {@code id}, e.g. {@code r1}
     * @param dest    where it would be written, or null
     * @param format  the {@code format}, or null
     * @param maxtime the {@code maxtime}, or null
     * @param state   recording, paused or stopped
     */
    record Record(String id, String dest, String format, String maxtime, RecordingFile.State state) {

        Record in(RecordingFile.State next) {
            return new Record(id, dest, format, maxtime, next);
        }
    }

    MsmlFile {
        records = List.copyOf(records);
        events = List.copyOf(events);
    }

    /** After the INVITE: a connection, no dialog yet. */
    static MsmlFile connected(RecordingDescription recording, String connection, RecordingFile.Sip sip) {
        return new MsmlFile(DIALECT, recording, State.CONNECTED, connection, null, List.of(), sip, List.of(), null);
    }

    /** After a dialogstart: its records recording, its {@code <rg:tlib>} values. */
    MsmlFile dialogStarted(MsmlInfo.DialogStart start, String body, Instant time, String cause) {
        return new MsmlFile(dialect, start.description(), state, connection, connection + "/dialog:" + start.name(),
                start.records(), sip, events, body).settled(time, cause);
    }

    /** After a send that paused, resumed or terminated records. */
    MsmlFile withRecords(List<Record> changed, String body, Instant time, String cause) {
        return new MsmlFile(dialect, recording, state, connection, dialog, changed, sip, events, body)
                .settled(time, cause);
    }

    /** The dialog or the SIP session ended: every record stopped. */
    MsmlFile stopped(String body, Instant time, String cause) {
        List<RecordingFile.Event> happened = new ArrayList<>(events);
        happened.add(new RecordingFile.Event(RecordingFile.EventType.STOPPED, format(time), cause));
        return new MsmlFile(dialect, recording, State.STOPPED, connection, dialog,
                records.stream().map(record -> record.in(RecordingFile.State.STOPPED)).toList(), sip, happened,
                body == null ? msml : body);
    }

    /** A new SDP offer (re-INVITE, UPDATE); MSML, not SDP, says what is recorded. */
    MsmlFile withOffer(String sdp) {
        return new MsmlFile(dialect, recording, state, connection, dialog, records, sip.withOffer(sdp), events, msml);
    }

    /**
     * The state the records give (stopped when all are; paused when all live ones are; else
     * recording), with an event when it changed.
     */
    private MsmlFile settled(Instant time, String cause) {
        State next;
        if (records.stream().allMatch(record -> record.state() == RecordingFile.State.STOPPED)) {
            next = State.STOPPED;
        } else if (records.stream().allMatch(record -> record.state() != RecordingFile.State.RECORDING)) {
            next = State.PAUSED;
        } else {
            next = State.RECORDING;
        }
        if (next == state) {
            return this;
        }
        List<RecordingFile.Event> happened = new ArrayList<>(events);
        RecordingFile.EventType type = switch (next) {
            case STOPPED -> RecordingFile.EventType.STOPPED;
            case PAUSED -> RecordingFile.EventType.PAUSED;
            default -> state == State.CONNECTED ? RecordingFile.EventType.STARTED : RecordingFile.EventType.RESUMED;
        };
        happened.add(new RecordingFile.Event(type, format(time), cause));
        return new MsmlFile(dialect, recording, next, connection, dialog, records, sip, happened, msml);
    }

    private static String format(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
