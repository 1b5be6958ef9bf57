package org.recgate.sip;

import java.text.ParseException;
import java.time.Instant;
import org.recgate.sip.stack.SipTarget;

/**
 * Something a recorder did on its own, delivered by a {@code sip-recorder:} consumer: the
 * destination of the recording ended (BYE from the recorder, an MSML dialog exit the gateway did
 * not ask for, or a dialog that stopped answering), or its recorder went DOWN and the session was
 * abandoned so the gateway can set it up again on the next recorder (mid-call failover,
 * docs/sip-recorder.md "Mid-call failover"), or a recorder that was DOWN is UP again.
 *
 * @param recordingId the recording
 * @param uri         the destination's recorder URI
 * @param role        primary or duplicate
 * @param sipStatus   the status that ended it, when there was one
 * @param reason      plain words: "recorder sent BYE", "msml.dialog.exit", ...
 * @param kind        what happened: the destination ended, or its recorder is DOWN
 * @param lastAlive   {@link Kind#RECORDER_DOWN}: when the recorder was last known alive (the gap's start); else null
 */
public record RecorderEvent(String recordingId, String uri, DestinationRole role, Integer sipStatus, String reason,
                            Kind kind, Instant lastAlive) {

    /** What a recorder event says. */
    public enum Kind {
        /** The destination ended: the recorder decided, or the dialog is gone. */
        ENDED,
        /** The recorder went DOWN (liveness); the session was abandoned (best-effort BYE) and may fail over. */
        RECORDER_DOWN,
        /**
         * A recorder that was DOWN answered a keepalive again: {@code uri} is {@code sip:host:port}
         * (with its {@code transport}), no recording id or role; recordings that lost it may be retried there.
         */
        RECORDER_UP
    }

    /** A destination that ended. */
    public RecorderEvent(String recordingId, String uri, DestinationRole role, Integer sipStatus, String reason) {
        this(recordingId, uri, role, sipStatus, reason, Kind.ENDED, null);
    }

    /** Whether the recorder went DOWN (the session is to fail over) rather than ended the session. */
    public boolean recorderDown() {
        return kind == Kind.RECORDER_DOWN;
    }

    /** Whether a recorder came back UP (docs/sip-recorder.md "Mid-call failover", the retry). */
    public boolean recorderUp() {
        return kind == Kind.RECORDER_UP;
    }

    /**
     * Whether {@code recorderUri} goes to this event's recorder: the same host and port, a URI that
     * names no port going to the default one of its transport (RFC 3261 §19.1.2). False for one that
     * is not a SIP URI.
     */
    public boolean isAt(String recorderUri) {
        try {
            SipTarget recorder = SipTarget.parse(uri);
            String transport = recorder.transport() == null ? "udp" : recorder.transport();
            SipTarget other = SipTarget.parse(recorderUri);
            return recorder.host().equals(other.host()) && recorder.port(transport) == other.port(transport);
        } catch (ParseException e) {
            return false;
        }
    }
}
