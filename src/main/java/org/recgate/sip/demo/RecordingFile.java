package org.recgate.sip.demo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo recorder writes for one recording session (one SIP dialog): what it was asked to
 * record and what happened since. Immutable: every change is a new value, which replaces the
 * session's state only once it is on disk. docs/demo-recorder.md shows the JSON.
 *
 * @param recording what the metadata described (its fields appear at the top level of the JSON)
 * @param state     recording, paused or stopped
 * @param sip       the SIP facts of the session
 * @param events    what happened, oldest first
 * @param metadata  the raw XML of the last metadata snapshot received
 */
record RecordingFile(@JsonUnwrapped RecordingDescription recording, State state, Sip sip, List<Event> events,
                     String metadata) implements SessionFile {

    /** Where the recording stands. */
    enum State implements SessionFile.Stage {
        RECORDING, PAUSED, STOPPED
    }

    /** What happened to the recording. */
    enum EventType {
        STARTED("started"), PAUSED("paused"), RESUMED("resumed"), METADATA_UPDATED("metadata-updated"),
        STOPPED("stopped");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        String wireName() {
            return wireName;
        }
    }

    /**
     * One change.
     *
     * @param event what happened
     * @param time  when (RFC 3339, UTC, milliseconds)
     * @param cause the SIP request that caused it ({@code INVITE}, {@code re-INVITE}, {@code UPDATE},
     *              {@code BYE}); for a stop without BYE, {@code demo recorder stopped} or
     *              {@code SIP dialog ended without BYE}
     */
    record Event(EventType event, String time, String cause) {
    }

    /**
     * The SIP side of the session, from the initial INVITE (the SDP offer from the latest one).
     *
     * @param requestUri the initial INVITE's Request-URI
     * @param from       its From header value
     * @param callId     the Call-ID
     * @param sdpOffer   the latest SDP offer, one line an element
     */
    record Sip(String requestUri, String from, String callId, List<String> sdpOffer) {

        Sip {
            sdpOffer = List.copyOf(sdpOffer);
        }

        Sip withOffer(String sdp) {
            return new Sip(requestUri, from, callId, lines(sdp));
        }

        static List<String> lines(String sdp) {
            return List.of(sdp.split("\r?\n"));
        }
    }

    RecordingFile {
        events = List.copyOf(events);
    }

    /** A new session, recording or (when offered inactive) paused. */
    static RecordingFile started(RecordingDescription recording, Sip sip, String metadata, boolean paused,
                                 Instant time) {
        return new RecordingFile(recording, paused ? State.PAUSED : State.RECORDING, sip,
                List.of(new Event(EventType.STARTED, format(time), "INVITE")), metadata);
    }

    /**
     * After a new offer and/or a new metadata snapshot (re-INVITE, UPDATE): paused or resumed when
     * the media direction changed, metadata-updated when the description changed.
     *
     * @param sdp      the new SDP offer, or null when the request carried none
     * @param paused   the direction answered to {@code sdp} (ignored without one)
     * @param updated  the description after the request (the same when it carried no metadata)
     * @param snapshot the metadata XML it carried, or null
     */
    RecordingFile changed(String sdp, boolean paused, RecordingDescription updated, String snapshot, Instant time,
                          String cause) {
        List<Event> happened = new ArrayList<>(events);
        State next = state;
        if (sdp != null && paused != (state == State.PAUSED)) {
            next = paused ? State.PAUSED : State.RECORDING;
            happened.add(new Event(paused ? EventType.PAUSED : EventType.RESUMED, format(time), cause));
        }
        if (!updated.equals(recording)) {
            happened.add(new Event(EventType.METADATA_UPDATED, format(time), cause));
        }
        return new RecordingFile(updated, next, sdp == null ? sip : sip.withOffer(sdp), happened,
                snapshot == null ? metadata : snapshot);
    }

    /** The session ended. */
    RecordingFile stopped(Instant time, String cause) {
        List<Event> happened = new ArrayList<>(events);
        happened.add(new Event(EventType.STOPPED, format(time), cause));
        return new RecordingFile(recording, State.STOPPED, sip, happened, metadata);
    }

    private static String format(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
