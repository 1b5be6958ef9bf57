package org.recgate.userevent;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One user event a client sent for a DN ({@code RequestSendEvent}, docs/recording.md §6), as the
 * gateway relays it: its identity ({@code eventId}, {@code sequence} over the gateway run,
 * {@code time}), the DN, the call it is about, its user data, its {@code screen-capture} value (or
 * null) and the sending application. Its Kafka record and a screen recorder's MESSAGE are made from it.
 */
public record UserEvent(String eventId, long sequence, Instant time, String dn, String connectionId,
                        Map<String, Object> userData, String screenCapture, String application) {

    public UserEvent {
        userData = Collections.unmodifiableMap(new LinkedHashMap<>(userData)); // a KV list keeps its order
    }

    /** What the event is: a desktop command, a vendor indication, or another event. */
    public ScreenCapture.Kind kind() {
        return ScreenCapture.parse(screenCapture).map(ScreenCapture::kind).orElse(ScreenCapture.Kind.OTHER);
    }

    /** The kind as records name it: {@code request}, {@code indication}, {@code other}. */
    public String kindName() {
        return kind().name().toLowerCase(Locale.ROOT);
    }
}
