package org.recgate.sip.stack;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * A recorder URI as the SIP stack reads it: parsed by JAIN-SIP's own URI parser, the one that
 * builds the request, so a check of the URI judges the host the request really goes to
 * (docs/security.md, SIP side). {@code sip:127.0.0.1;x@127.0.0.2:15071} is user
 * {@code 127.0.0.1;x} at host {@code 127.0.0.2}, port 15071, as the stack sends it.
 * <p>
 * The stack's router sends to {@code maddr} when the URI has one, over the URI's {@code transport}
 * (or TLS for {@code sips:}), else over the Via's, and to port 5060, or 5061 over TLS, when the URI
 * names none (RFC 3261 §19.1.2, §19.1.4; JAIN-SIP {@code DefaultRouter.createHop}).
 * {@link #problem} names what would make it go anywhere but {@link #host()}:{@link #port},
 * over anything but the gateway's one transport.
 *
 * @param uri          the text parsed
 * @param secure       a {@code sips:} URI
 * @param host         the host part, lower case; an IPv6 address without brackets, in full form
 * @param explicitPort the port the URI names, or -1
 * @param transport    its {@code transport} parameter, lower case, or null
 * @param maddr        its {@code maddr} parameter (empty when given without a value), or null
 * @param headers      the names of its URI headers ({@code ?name=value}), lower case
 */
public record SipTarget(String uri, boolean secure, String host, int explicitPort, String transport, String maddr,
                        List<String> headers) {

    public static final String TLS = "tls";
    private static final Pattern NO_SPACE_OR_CONTROL = Pattern.compile("[^\\s\\p{Cntrl}]+");
    /** Shared: the factory makes a new parser per call. */
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    /**
     * Parses a {@code sip:} or {@code sips:} URI. The whole text must be the URI (the parser
     * would stop at a space and drop the rest), with a port, if any, from 1 to 65535.
     */
    public static SipTarget parse(String text) throws ParseException {
        String trimmed = text == null ? "" : text.trim();
        URI parsed = null;
        if (NO_SPACE_OR_CONTROL.matcher(trimmed).matches()) {
            try {
                parsed = ADDRESSES.createURI(trimmed);
            } catch (ParseException | RuntimeException e) {
                parsed = null;
            }
        }
        if (!(parsed instanceof SipURI sip) || sip.getHost() == null || sip.getHost().isEmpty()) {
            throw new ParseException("'" + text + "' is not a SIP URI (sip:user@host[:port])", 0);
        }
        int port = sip.getPort();
        if (port == 0 || port > 65535) {
            throw new ParseException("'" + text + "' has port " + port + ", not one from 1 to 65535", 0);
        }
        List<String> headers = new ArrayList<>();
        for (Iterator<?> names = sip.getHeaderNames(); names.hasNext(); ) {
            headers.add(String.valueOf(names.next()).toLowerCase(Locale.ROOT));
        }
        String transport = sip.getTransportParam();
        return new SipTarget(trimmed, sip.isSecure(), normalHost(sip.getHost()), port,
                transport == null ? null : transport.toLowerCase(Locale.ROOT), sip.getParameter("maddr"), List.copyOf(headers));
    }

    /**
     * A host as compared everywhere: lower case; an IPv6 literal without brackets and in full form
     * ({@code [::1]} is {@code 0:0:0:0:0:0:0:1}), which the JDK reads without asking DNS.
     */
    public static String normalHost(String host) {
        String bare = host.trim().toLowerCase(Locale.ROOT);
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.indexOf(':') >= 0) {
            try {
                return InetAddress.getByName(bare).getHostAddress();
            } catch (UnknownHostException e) {
                return bare; // not an address: no allowlist entry will match it
            }
        }
        return bare;
    }

    /** The transport the stack uses for it when the gateway's SIP transport is {@code configured}. */
    public String transportOver(String configured) {
        if (secure) {
            return TLS;
        }
        return transport != null ? transport : configured.toLowerCase(Locale.ROOT);
    }

    /** The port the request goes to: the URI's, else 5061 over TLS and 5060 otherwise (RFC 3261 §19.1.2). */
    public int port(String configuredTransport) {
        if (explicitPort > 0) {
            return explicitPort;
        }
        return TLS.equals(transportOver(configuredTransport)) ? 5061 : 5060;
    }

    /**
     * Why the stack would not send to {@link #host()} over {@code configuredTransport}, or empty:
     * a {@code maddr} (the request would go there), URI headers (they would ride into the request),
     * a {@code transport} other than the configured one, {@code sips:} without TLS.
     */
    public Optional<String> problem(String configuredTransport) {
        String configured = configuredTransport.toLowerCase(Locale.ROOT);
        if (maddr != null) {
            return Optional.of("it has a maddr parameter (the request would go to '" + maddr + "' instead of its host)");
        }
        if (!headers.isEmpty()) {
            return Optional.of("it has URI headers (" + String.join(", ", headers) + "), which a recorder URI may not carry");
        }
        if (secure && !TLS.equals(configured)) {
            return Optional.of("a sips: URI needs SIP over TLS, and the gateway's SIP transport is " + configured
                    + " (recgate.sip.transport)");
        }
        if (transport != null && !transport.equals(configured)) {
            return Optional.of("it asks for transport " + transport + ", and the gateway's SIP transport is " + configured
                    + " (recgate.sip.transport)");
        }
        return Optional.empty();
    }

    /** True for the transports the user agent can listen on. */
    public static boolean isTransport(String transport) {
        return ListeningPoint.UDP.equalsIgnoreCase(transport) || ListeningPoint.TCP.equalsIgnoreCase(transport)
                || TLS.equalsIgnoreCase(transport);
    }
}
