package org.recgate.recording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recgate.config.DnConfig;
import org.recgate.sip.Dialect;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * Where recordings go (docs/recording.md §3): the default recorder list (failover order), a DN's own
 * recorder from the DN file, and the allowlist that {@code dest}/{@code dest2} must pass — a
 * client must not be able to make the gateway send SIP anywhere it likes.
 */
public final class RecorderPolicy {

    /** sip:[user@]host[:port][;params] — enough to find the host the allowlist checks. */
    private static final Pattern SIP_URI = Pattern.compile(
            "sips?:(?:[^@;\\s]+@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?(?:;[^\\s]*)?");

    private final List<String> defaultRecorders;
    private final Dialect defaultDialect;
    private final List<Pattern> allowedHosts;

    /**
     * @param defaultRecorders the recorder URIs, in failover order
     * @param defaultDialect   their dialect
     * @param allowedHosts     host patterns ({@code *} is any run of characters); empty = the default recorders' hosts
     */
    public RecorderPolicy(List<String> defaultRecorders, Dialect defaultDialect, List<String> allowedHosts) {
        if (defaultRecorders.isEmpty()) {
            throw new IllegalArgumentException("at least one default recorder URI is needed");
        }
        defaultRecorders.forEach(uri -> host(uri).orElseThrow(
                () -> new IllegalArgumentException("recorder URI '" + uri + "' is not a SIP URI")));
        this.defaultRecorders = List.copyOf(defaultRecorders);
        this.defaultDialect = defaultDialect;
        List<String> patterns = allowedHosts.isEmpty()
                ? defaultRecorders.stream().map(uri -> host(uri).orElseThrow()).toList() : allowedHosts;
        this.allowedHosts = patterns.stream().map(RecorderPolicy::glob).toList();
    }

    /** Splits a comma-separated setting into its trimmed, non-empty parts. */
    public static List<String> list(String setting) {
        return setting == null ? List.of()
                : Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The candidates of the primary destination: {@code dest}, the DN's recorder, or the default list. */
    public List<String> primary(String dest, Optional<DnConfig> dn) {
        if (dest != null) {
            return List.of(allowed("dest", dest));
        }
        return dn.map(DnConfig::recorder).filter(r -> r != null && !r.isBlank())
                .map(RecorderPolicy::list).orElse(defaultRecorders);
    }

    public Dialect dialect(Optional<DnConfig> dn) {
        return dn.map(DnConfig::dialect).filter(d -> d != null).map(Dialect::parse).orElse(defaultDialect);
    }

    /** Checks a client-given URI: SIP syntax (53), host on the allowlist (2004). */
    public String allowed(String key, String uri) {
        String host = host(uri).orElseThrow(() -> new TlibException(ErrorCode.INVALID_ATTRIBUTE,
                "AttrExtensions: " + key + " '" + uri + "' is not a SIP URI (sip:user@host[:port])"));
        if (allowedHosts.stream().noneMatch(p -> p.matcher(host.toLowerCase(Locale.ROOT)).matches())) {
            throw new TlibException(ErrorCode.DESTINATION_NOT_ALLOWED, "AttrExtensions: " + key + " host '" + host
                    + "' is not an allowed recorder (recgate.recorder.allowed-hosts)");
        }
        return uri;
    }

    static Optional<String> host(String uri) {
        Matcher matcher = SIP_URI.matcher(uri);
        if (!matcher.matches() || (matcher.group(2) != null && Integer.parseInt(matcher.group(2)) > 65535)) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
