package org.recgate.recording;

import java.util.Locale;

/** Why a recording started or ended (the Kafka indication's {@code cause}, docs/recording.md §5). */
public enum Cause {
    REQUEST, FULL_TIME, ROUTING, CALL_RELEASED, TRANSFER, RECORDER_FAILURE,
    /** After a restart, a new recorder session replaced one the recorder no longer knew (docs/durable-state.md §10). */
    RESTORED,
    /** Its call had no call event for {@code recgate.calls.max-idle}: a release nobody told the gateway of. */
    STALE,
    /** The gateway stopped with {@code recgate.shutdown.end-recordings=true}. */
    SHUTDOWN,
    /** A destination's recorder went DOWN mid-call and a new session on the next recorder replaced it (the state unchanged). */
    RECORDER_FAILOVER,
    /** A recording left with no recorder (recorder-failure) came back when one of its recorders was UP again, its call still on. */
    RECORDER_RESTORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
