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
     * Continue dialogs another gateway process set up, from each destination's stored dialog state
     * (after a restart: docs/durable-state.md §3): a target-refresh re-INVITE in the same media
     * direction; a recorder that no longer knows the dialog gets a new session with the same
     * recording id ({@link DestinationResult#renewed()}).
     */
    RESTORE
}
