package org.recgate.sip.session;

/** The direction every m-line of our SDP offer carries: capturing ({@code sendonly}) or paused ({@code inactive}). */
public enum MediaDirection {
    SENDONLY("sendonly"), INACTIVE("inactive");

    private final String attribute;

    MediaDirection(String attribute) {
        this.attribute = attribute;
    }

    /** The SDP attribute, e.g. {@code a=sendonly}. */
    public String sdpAttribute() {
        return "a=" + attribute;
    }
}
