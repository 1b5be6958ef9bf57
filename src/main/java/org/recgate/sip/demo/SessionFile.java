package org.recgate.sip.demo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What {@link RecordingFolder} writes: the JSON of a SIPREC or an MSML session. */
sealed interface SessionFile permits RecordingFile, MsmlFile {

    /** What the client said about the recording. */
    RecordingDescription recording();

    /** Where the session stands. */
    Stage state();

    /** True once the session has stopped: nothing more is written to it. */
    @JsonIgnore // a getter of the session, not a field of its file
    default boolean isOver() {
        return state().isOver();
    }

    /** The states of a session's file (an enum of each kind of file): its last one is {@code STOPPED}. */
    interface Stage {

        String name();

        /** Its name in the file: {@code recording}, {@code paused}... */
        @JsonValue
        default String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        default boolean isOver() {
            return "STOPPED".equals(name());
        }
    }
}
