package org.recgate.sip;

import java.util.Locale;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.recgate.sip.siprec.RecordingMetadata;
import org.recgate.sip.siprec.SiprecSettings;

/**
 * The options of the {@code sip-recorder} component and its endpoints.
 * <p>
 * {@code host}, {@code port} and {@code transport} are the component's SIP listening point:
 * set them on the component (one SIP stack per component, shared by every endpoint); an endpoint
 * URI that sets them is refused. Every other option can be set on the component (the default for
 * its endpoints) and overridden per endpoint URI.
 */
@UriParams
public class SipRecorderConfiguration implements Cloneable {

    public static final String DEFAULT_NAMESPACE = "urn:recgate:tlib:1";

    @UriParam(label = "common", defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    @UriParam(label = "common", defaultValue = "5062")
    private int port = 5062;
    @UriParam(label = "common", defaultValue = "udp", enums = "udp,tcp")
    private String transport = "udp";
    @UriParam(label = "producer", defaultValue = "5000")
    private long timeoutMs = 5000;
    @UriParam(label = "producer", defaultValue = "SIPREC")
    private Dialect dialect = Dialect.SIPREC;
    @UriParam(label = "producer", defaultValue = "recgate")
    private String fromUser = "recgate";
    @UriParam(label = "producer")
    @Metadata(description = "Empty: the listening host")
    private String domain;
    @UriParam(label = "producer", defaultValue = DEFAULT_NAMESPACE)
    private String metadataNamespace = DEFAULT_NAMESPACE;
    @UriParam(label = "producer", defaultValue = FailoverRule.DEFAULT)
    private String failoverOnStatus = FailoverRule.DEFAULT;
    @UriParam(label = "producer")
    @Metadata(description = "Empty: the listening host")
    private String mediaAddress;
    @UriParam(label = "producer", defaultValue = "40000")
    private int mediaPort = 40000;

    public String getHost() {
        return host;
    }

    /**
     * The address the SIP stack listens on. It also goes into Via and Contact, so it must be an
     * address recorders can reach, not a wildcard. Component only.
     */
    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    /** The port the SIP stack listens on. Component only. */
    public void setPort(int port) {
        this.port = port;
    }

    public String getTransport() {
        return transport;
    }

    /**
     * {@code udp} or {@code tcp}: the transport of the listening point and of every request sent
     * (a recorder URI may still name its own with {@code ;transport=}). Component only.
     */
    public void setTransport(String transport) {
        this.transport = transport == null ? null : transport.trim().toLowerCase(Locale.ROOT);
    }

    public long getTimeoutMs() {
        return timeoutMs;
    }

    /**
     * How long to wait for the final answer to each SIP request, in milliseconds. At setup the
     * timeout applies per candidate: a candidate that does not answer in time is left for the next.
     */
    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public Dialect getDialect() {
        return dialect;
    }

    /**
     * The dialect used for a destination that names none. Only {@code siprec} is implemented; a
     * destination with another dialect gets UNREACHABLE.
     */
    public void setDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    public String getFromUser() {
        return fromUser;
    }

    /** The user part of From ({@code sip:<fromUser>@<domain>}) and of our Contact. */
    public void setFromUser(String fromUser) {
        this.fromUser = fromUser;
    }

    public String getDomain() {
        return domain;
    }

    /**
     * The host part of From and of the participants' AORs in the metadata
     * ({@code sip:<dn>@<domain>}). Empty: the listening host.
     */
    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getMetadataNamespace() {
        return metadataNamespace;
    }

    /**
     * The XML namespace of our own metadata element ({@code <rg:tlib>}, which carries recording
     * id, connection id, call UUID, recorded DN, side, file name and params). It must not be the
     * RFC 7865 namespace: extensions live in a foreign namespace.
     */
    public void setMetadataNamespace(String metadataNamespace) {
        this.metadataNamespace = metadataNamespace;
    }

    public String getFailoverOnStatus() {
        return failoverOnStatus;
    }

    /**
     * The final SIP answers to a setup INVITE after which the next candidate is tried: a comma list
     * of codes and classes ({@code 408,5xx,6xx}). No answer in time and transport errors always
     * fail over; any other answer (e.g. 486) is final.
     */
    public void setFailoverOnStatus(String failoverOnStatus) {
        this.failoverOnStatus = failoverOnStatus;
    }

    public String getMediaAddress() {
        return mediaAddress;
    }

    /** The media source address in the SDP offer ({@code c=} and {@code o=}). Empty: the listening host. */
    public void setMediaAddress(String mediaAddress) {
        this.mediaAddress = mediaAddress;
    }

    public int getMediaPort() {
        return mediaPort;
    }

    /** The RTP port of the first m-line of the SDP offer; the second uses {@code mediaPort + 2}. */
    public void setMediaPort(int mediaPort) {
        this.mediaPort = mediaPort;
    }

    /** Checks every option; the message names the option and what is allowed. */
    public void validate() {
        require(host != null && !host.isBlank(), "host is required");
        require(!host.equals("0.0.0.0") && !host.equals("::"),
                "host must be an address recorders can reach (it goes into Via and Contact), not " + host);
        require(port > 0 && port <= 65535, "port must be 1-65535, not " + port);
        require("udp".equals(transport) || "tcp".equals(transport), "transport must be udp or tcp, not " + transport);
        require(timeoutMs > 0, "timeoutMs must be positive, not " + timeoutMs);
        require(dialect == Dialect.SIPREC, "dialect " + dialect + " is not supported: sip-recorder speaks siprec");
        require(fromUser != null && !fromUser.isBlank(), "fromUser is required");
        require(metadataNamespace != null && !metadataNamespace.isBlank()
                && !metadataNamespace.equals(RecordingMetadata.NAMESPACE),
                "metadataNamespace must be a namespace of our own, not empty or " + RecordingMetadata.NAMESPACE);
        require(mediaPort > 0 && mediaPort <= 65533, "mediaPort must be 1-65533, not " + mediaPort);
        FailoverRule.parse(failoverOnStatus);
    }

    /** The settings SIPREC sessions started through this configuration use. */
    public SiprecSettings siprecSettings() {
        return new SiprecSettings(timeoutMs, FailoverRule.parse(failoverOnStatus), fromUser,
                blank(domain) ? host : domain, metadataNamespace,
                blank(mediaAddress) ? host : mediaAddress, mediaPort);
    }

    public SipRecorderConfiguration copy() {
        try {
            return (SipRecorderConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sip-recorder: " + message);
        }
    }
}
