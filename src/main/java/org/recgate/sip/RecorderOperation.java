package org.recgate.sip;

/** What the gateway asks of a recording's recorder dialogs (docs/recording.md §4). */
public enum RecorderOperation {
    /**
     * Set up the destinations' dialogs (SIPREC: INVITE with SDP + metadata; MSML: INVITE with SDP,
     * then INFO with dialogstart). Failover applies.
     */
    START,
    /** Stop media capture without ending the dialogs (SIPREC: re-INVITE with a=inactive; MSML: send pause). */
    PAUSE,
    /** Capture again (SIPREC: re-INVITE with a=sendonly; MSML: send resume). */
    RESUME,
    /** Change the recording's params on live dialogs (SIPREC: metadata update; MSML: refused, nothing sent). */
    UPDATE,
    /** End the dialogs (SIPREC: BYE; MSML: INFO with dialogend, then BYE). */
    STOP,
    /**
     * Continue the destinations' dialogs that another gateway process set up, from the
     * {@link RecorderDestination#dialogState()} it left (docs/sip-recorder.md, "Restoring a
     * recording"): a target-refresh re-INVITE with the stored offer (docs/durable-state.md §3); when
     * the recorder no longer has the dialog or refuses, a new session with the same recording id
     * and the stored media direction (a paused recording stays paused), failover as for START.
     */
    RESTORE
}
