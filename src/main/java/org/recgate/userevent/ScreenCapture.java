package org.recgate.userevent;

import java.util.Optional;

/**
 * Values of the {@code screen-capture} user-data key (docs/recording.md §6,
 * screen-capture control): commands a desktop sends, and indications the screen-recording vendor sends back.
 */
public enum ScreenCapture {
    START(Kind.REQUEST), STOP(Kind.REQUEST), PAUSE(Kind.REQUEST), RESUME(Kind.REQUEST), QUERY(Kind.REQUEST),
    ENABLED(Kind.INDICATION), DISABLED(Kind.INDICATION), PAUSED(Kind.INDICATION);

    public static final String KEY = "screen-capture";

    /** What a user event is, for the relay and the Kafka record's {@code kind}. */
    public enum Kind { REQUEST, INDICATION, OTHER }

    private final Kind kind;

    ScreenCapture(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public String wireValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value as sent (exact, lower case), or empty when it is not a screen-capture value. */
    public static Optional<ScreenCapture> parse(String value) {
        for (ScreenCapture candidate : values()) {
            if (candidate.wireValue().equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
