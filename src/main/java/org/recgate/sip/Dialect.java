package org.recgate.sip;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a recorder is driven: SIPREC (RFC 7866) or MSML to a media server (RFC 5707). */
public enum Dialect {
    SIPREC, MSML;

    /**
     * The recorder URI parameter that names a destination's dialect, e.g.
     * {@code sip:ms.example.com:5070;dialect=msml}. It wins over the destination's own dialect and
     * the endpoint's default, and it is not sent to the recorder.
     */
    public static final String URI_PARAMETER = "dialect";

    /** {@code ;dialect=<value>} among the URI parameters (before any {@code ?headers}). */
    private static final Pattern PARAMETER = Pattern.compile(";\\s*" + URI_PARAMETER + "\\s*=\\s*([^;?\\s]*)",
            Pattern.CASE_INSENSITIVE);

    public static Dialect parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "siprec" -> SIPREC;
            case "msml" -> MSML;
            default -> throw new IllegalArgumentException("unknown dialect '" + value + "': use siprec or msml");
        };
    }

    /**
     * The dialect a recorder URI names with {@code ;dialect=siprec|msml}, if it names one.
     *
     * @throws IllegalArgumentException when the parameter names no known dialect
     */
    public static Optional<Dialect> ofUri(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int headers = uri.indexOf('?');
        Matcher matcher = PARAMETER.matcher(headers < 0 ? uri : uri.substring(0, headers));
        return matcher.find() ? Optional.of(parse(matcher.group(1))) : Optional.empty();
    }

    /** The dialect of a destination: its URI's {@code ;dialect=} parameter, else {@code fallback}. */
    public static Dialect of(String uri, Dialect fallback) {
        return ofUri(uri).orElse(fallback);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
