package org.recgate.sip.demo;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One session on the demo recorder (one SIP dialog) and its file: SIPREC ({@link DemoSession}) or
 * MSML ({@link MsmlSession}). Each change is computed as a new file, written, and only then made
 * the session's state, and the request is answered after that: when the client gets its 200, the
 * file already says so; when the file cannot be written, the request is refused (500) and nothing
 * changed. Methods are synchronized: requests of one dialog may arrive on different stack threads
 * (one per TCP connection).
 *
 * @param <F> what its file holds
 */
abstract sealed class RecorderSession<F extends SessionFile> permits DemoSession, MsmlSession {

    private final RecordingFolder folder;
    private final Path file;
    /** The recorder's address, for the SDP answers. */
    protected final String address;
    /** The {@code o=} session id of the SDP answers, fixed for the session. */
    protected final long sdpSessionId;
    /** The {@code o=} version of the last SDP answer. */
    protected long sdpVersion = 1;
    /** The session's state: what its file says. */
    protected F current;

    RecorderSession(RecordingFolder folder, Path file, String address, long sdpSessionId, F current) {
        this.folder = folder;
        this.file = file;
        this.address = address;
        this.sdpSessionId = sdpSessionId;
        this.current = current;
    }

    /** The file as the session ends now for {@code cause}. */
    protected abstract F stoppedNow(String cause);

    /**
     * The session ended (BYE, or the recorder stopped); nothing happens when it already had.
     *
     * @throws IOException when the final file cannot be written (the session is over anyway)
     */
    synchronized void stop(String cause) throws IOException {
        if (!current.isOver()) {
            F next = stoppedNow(cause);
            folder.replace(file, next);
            current = next;
        }
    }

    synchronized F current() {
        return current;
    }

    Path file() {
        return file;
    }

    /** The recording id, or the file name when none is known (for logs). */
    synchronized String name() {
        String id = current.recording().recordingId();
        return id != null && !id.isEmpty() ? id : file.getFileName().toString();
    }

    /** Writes the file, then makes it the session's state; refused (500) when it cannot be written. */
    protected void write(F next) throws Refusal {
        if (next.equals(current)) {
            return;
        }
        try {
            folder.replace(file, next);
        } catch (IOException e) {
            throw DemoSession.cannotWrite(file.toString(), e);
        }
        current = next;
    }
}
