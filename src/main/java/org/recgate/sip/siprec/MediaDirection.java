package org.recgate.sip.siprec;

/** The direction every m-line of our SDP offer carries: capturing ({@code sendonly}) or paused ({@code inactive}). */
enum MediaDirection {
    SENDONLY("sendonly"), INACTIVE("inactive");

    private final String attribute;

    MediaDirection(String attribute) {
        this.attribute = attribute;
    }

    /** The SDP attribute, e.g. {@code a=sendonly}. */
    String sdpAttribute() {
        return "a=" + attribute;
    }
}
