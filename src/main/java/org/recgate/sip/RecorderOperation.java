package org.recgate.sip;

/** What the gateway asks of a recording's recorder dialogs (RECORDING.md §4). */
public enum RecorderOperation {
    /** Set up one dialog per destination (SIPREC: INVITE with SDP + metadata). Failover applies. */
    START,
    /** Stop media capture without ending the dialogs (SIPREC: re-INVITE with a=inactive). */
    PAUSE,
    /** Capture again (SIPREC: re-INVITE with a=sendonly). */
    RESUME,
    /** Change the recording's params on live dialogs (SIPREC: metadata update). */
    UPDATE,
    /** End the dialogs (BYE). */
    STOP
}
