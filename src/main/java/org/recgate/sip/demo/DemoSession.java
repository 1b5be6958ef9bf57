package org.recgate.sip.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.message.Response;

/**
 * One SIPREC recording session (one SIP dialog) on the demo recorder and its file, a
 * {@link RecordingFile}; written before answered ({@link RecorderSession}).
 */
final class DemoSession extends RecorderSession<RecordingFile> {

    private DemoSession(RecordingFolder folder, Path file, String address, long sdpSessionId, RecordingFile current) {
        super(folder, file, address, sdpSessionId, current);
    }

    /**
     * Starts a session from an initial INVITE's offer and metadata and writes its first file.
     *
     * @param address the recorder's address, for the SDP answer
     * @return the session and the SDP answer to send
     */
    static Started start(RecordingFolder folder, String address, RecordingFile.Sip sip, SiprecBody body)
            throws Refusal {
        RecordingDescription description = readMetadata(body.metadata(), RecordingDescription.NONE);
        long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        SdpAnswer answer = answer(body.sdp(), address, sdpSessionId, 1);
        RecordingFile first = RecordingFile.started(description, sip, body.metadata(), answer.paused(), Instant.now());
        String name = description.recordingId() != null ? description.recordingId() : sip.callId();
        try {
            Path file = folder.create(name, first);
            return new Started(new DemoSession(folder, file, address, sdpSessionId, first), answer);
        } catch (IOException e) {
            throw cannotWrite("in " + folder.path(), e);
        }
    }

    /** A new session and its answer to the INVITE's offer. */
    record Started(DemoSession session, SdpAnswer answer) {
    }

    /**
     * A re-INVITE or UPDATE: a new offer, a new metadata snapshot, or both.
     *
     * @param body  what the request carried (either part may be null)
     * @param cause {@code re-INVITE} or {@code UPDATE}, for the event
     * @return the answer to its offer, or null when it made none
     */
    synchronized SdpAnswer change(SiprecBody body, String cause) throws Refusal {
        RecordingDescription updated = body.metadata() == null
                ? current.recording() : readMetadata(body.metadata(), current.recording());
        SdpAnswer answer = body.sdp() == null ? null : answer(body.sdp(), address, sdpSessionId, sdpVersion + 1);
        RecordingFile next = current.changed(body.sdp(), answer != null && answer.paused(), updated, body.metadata(),
                Instant.now(), cause);
        write(next);
        if (answer != null) {
            sdpVersion++;
        }
        return answer;
    }

    @Override
    protected RecordingFile stoppedNow(String cause) {
        return current.stopped(Instant.now(), cause);
    }

    private static RecordingDescription readMetadata(String xml, RecordingDescription before) throws Refusal {
        try {
            return MetadataReader.read(xml, before);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Response.BAD_REQUEST, "Bad recording metadata: " + e.getMessage());
        }
    }

    static SdpAnswer answer(String offer, String address, long sessionId, long version) throws Refusal {
        try {
            return SdpAnswer.answer(offer, address, sessionId, version);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "Bad SDP offer: " + e.getMessage());
        }
    }

    static Refusal cannotWrite(String where, IOException e) {
        return new Refusal(Response.SERVER_INTERNAL_ERROR, "Demo recorder cannot write " + where + ": " + e);
    }
}
