package org.recgate.sip.takeover;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code o=} line of an SDP body (RFC 4566 §5.2: {@code o=<username> <sess-id> <sess-version>
 * <nettype> <addrtype> <unicast-address>}): its version, and the same body with another version.
 * A new offer in a session keeps the {@code o=} line and raises the version by one (RFC 3264 §8).
 */
public final class SdpOrigin {

    private static final Pattern ORIGIN = Pattern.compile("(?m)^(o=\\S+ \\S+ )(\\d+)( .*)$");

    private SdpOrigin() {
    }

    /** The session version of {@code sdp}; an {@link IllegalArgumentException} when it has no valid {@code o=} line. */
    public static long version(String sdp) {
        Matcher origin = origin(sdp);
        try {
            return Long.parseLong(origin.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the SDP o= version is out of range: " + origin.group(2), e);
        }
    }

    /** {@code sdp} with its {@code o=} session version set to {@code version}; nothing else changes. */
    public static String withVersion(String sdp, long version) {
        if (version < 0) {
            throw new IllegalArgumentException("an SDP o= version is never negative: " + version);
        }
        Matcher origin = origin(sdp);
        return sdp.substring(0, origin.start(2)) + version + sdp.substring(origin.end(2));
    }

    private static Matcher origin(String sdp) {
        Matcher origin = ORIGIN.matcher(sdp == null ? "" : sdp);
        if (!origin.find()) {
            throw new IllegalArgumentException("the SDP has no o= line with a numeric version");
        }
        return origin;
    }
}
