package org.recgate.sip.session;

/**
 * The two media streams of a recording session, one SDP m-line each (RFC 7866 §8.4): what the
 * recorded side sends, and what the other parties send (what the recorded side hears). The label
 * is the same in the SDP ({@code a=label}) and in the metadata ({@code <stream><label>}), since
 * both are written from here.
 */
public enum RecordedStream {
    RECORDED_SIDE("1"), OTHER_SIDE("2");

    private final String label;

    RecordedStream(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
