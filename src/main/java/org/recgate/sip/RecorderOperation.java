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
    STOP
}
