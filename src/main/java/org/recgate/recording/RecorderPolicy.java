package org.recgate.recording;

import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.recgate.config.DnConfig;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.sip.Dialect;
import org.recgate.sip.stack.SipTarget;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * Where recordings go (docs/recording.md §3): the default recorder list (failover order), a DN's own
 * recorder from the DN file, and the allowlist that {@code dest}/{@code dest2} must pass — a
 * client must not be able to make the gateway send SIP anywhere it likes (docs/security.md,
 * Destinations). Every URI is read by the SIP stack's own parser ({@link SipTarget}) and judged by
 * the host, port and transport the stack would send to.
 */
public final class RecorderPolicy {

    private final List<String> defaultRecorders;
    private final Dialect defaultDialect;
    private final RecorderAllowlist allowlist;
    private final String sipTransport;

    /**
     * @param defaultRecorders the recorder URIs, in failover order
     * @param defaultDialect   their dialect
     * @param allowedHosts     {@code host[:port]} patterns ({@code *} is any run of characters in one
     *                         label); empty = the default recorders themselves (host and port)
     * @param sipTransport     the gateway's SIP transport ({@code udp}, {@code tcp}, {@code tls})
     */
    public RecorderPolicy(List<String> defaultRecorders, Dialect defaultDialect, List<String> allowedHosts,
                          String sipTransport) {
        if (defaultRecorders.isEmpty()) {
            throw new IllegalArgumentException("at least one default recorder URI is needed");
        }
        this.sipTransport = sipTransport;
        List<SipTarget> targets = defaultRecorders.stream()
                .map(uri -> ownRecorder("recgate.recorder.uri", uri, sipTransport)).toList();
        this.defaultRecorders = List.copyOf(defaultRecorders);
        this.defaultDialect = defaultDialect;
        this.allowlist = allowedHosts.isEmpty() ? RecorderAllowlist.exactly(targets, sipTransport)
                : RecorderAllowlist.of(allowedHosts);
    }

    /** Splits a comma-separated setting into its trimmed, non-empty parts. */
    public static List<String> list(String setting) {
        return setting == null ? List.of()
                : Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Checks the DNs' own recorders of a DN file against the gateway's SIP transport (their syntax
     * was checked when it was read): at start-up and before a reload is applied.
     *
     * @throws DnFileException naming the file, the DN and what is wrong
     */
    public static void checkDnFile(DnFile file, String sipTransport) {
        file.dns().values().forEach(dn -> {
            if (dn.recorder() != null && !dn.recorder().isBlank()) {
                try {
                    list(dn.recorder()).forEach(uri -> ownRecorder("DN " + dn.dn() + ": recorder", uri, sipTransport));
                } catch (IllegalArgumentException e) {
                    throw new DnFileException(file.source() + ": " + e.getMessage(), null);
                }
            }
        });
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

    /**
     * Checks a client-given URI: SIP syntax (53); then 2004 for a URI the stack would send
     * elsewhere than its host or over another transport ({@link SipTarget#problem}), and for a
     * host and port not on the allowlist.
     */
    public String allowed(String key, String uri) {
        SipTarget target;
        try {
            target = SipTarget.parse(uri);
        } catch (ParseException e) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "AttrExtensions: " + key + " " + e.getMessage());
        }
        target.problem(sipTransport).ifPresent(problem -> {
            throw new TlibException(ErrorCode.DESTINATION_NOT_ALLOWED, "AttrExtensions: " + key + " '" + uri
                    + "' is not allowed: " + problem);
        });
        int port = target.port(sipTransport);
        if (!allowlist.allows(target.host(), port)) {
            throw new TlibException(ErrorCode.DESTINATION_NOT_ALLOWED, "AttrExtensions: " + key + " '" + uri
                    + "' goes to host " + target.host() + " port " + port
                    + ", which is not an allowed recorder (recgate.recorder.allowed-hosts)");
        }
        return uri;
    }

    /** An operator's recorder URI as the stack reads it; what is wrong with it names the setting or DN. */
    private static SipTarget ownRecorder(String what, String uri, String sipTransport) {
        SipTarget target;
        try {
            target = SipTarget.parse(uri);
        } catch (ParseException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        target.problem(sipTransport).ifPresent(problem -> {
            throw new IllegalArgumentException(what + " '" + uri + "': " + problem);
        });
        return target;
    }
}
