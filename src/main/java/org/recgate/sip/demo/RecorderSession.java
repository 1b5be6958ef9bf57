package org.recgate.sip.demo;

import java.io.IOException;
import java.nio.file.Path;

/** One session on the demo recorder (one SIP dialog) and its file: SIPREC or MSML. */
sealed interface RecorderSession permits DemoSession, MsmlSession {

    /** The recording id, or the file name when none is known (for logs). */
    String name();

    Path file();

    /**
     * The session ended (BYE, or the recorder stopped); nothing happens when it already had.
     *
     * @throws IOException when the final file cannot be written (the session is over anyway)
     */
    void stop(String cause) throws IOException;
}
