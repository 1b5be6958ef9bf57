package org.recgate.sip.component;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sip.address.SipURI;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.recgate.sip.Dialect;
import org.recgate.sip.liveness.LivenessSettings;
import org.recgate.sip.FailoverRule;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.sip.msml.MsmlSettings;
import org.recgate.sip.msml.RecordDestination;
import org.recgate.sip.siprec.RecordingMetadata;
import org.recgate.sip.siprec.SiprecSettings;
import org.recgate.sip.stack.HostPort;
import org.recgate.sip.stack.SipTarget;
import org.recgate.sip.stack.SipTls;
import org.recgate.sip.stack.UserAgentOptions;
import org.recgate.support.LeadershipLease;

/**
 * The options of the {@code sip-recorder} component and its endpoints.
 * <p>
 * {@code host}, {@code port} and {@code transport} are the component's SIP listening point, and
 * {@code recorderHosts}, {@code maxMessageBytes} and the {@code tls*} options its security
 * (docs/security.md): set them on the component (one SIP stack per component, shared by every
 * endpoint); an endpoint URI that sets them is refused. {@code messageTo} ({@code sip-recorder:message}) and {@code batch}
 * ({@code sip-recorder:session}) belong to one kind of endpoint each. Every other option can be set
 * on the component (the default for its endpoints, through the component's setters of the same
 * name) and overridden per endpoint URI. Each {@code defaultValue} is the field's initial value.
 */
@UriParams
public class SipRecorderConfiguration implements Cloneable {

    public static final String DEFAULT_NAMESPACE = "urn:recgate:tlib:1";
    public static final String DEFAULT_MSML_CONTENT_TYPE = "application/vnd.radisys.msml+xml";
    public static final String DEFAULT_MSML_RECORD_FORMAT = "audio/wav";
    public static final String DEFAULT_MSML_MAX_TIME = "7200s";
    public static final String DEFAULT_MESSAGE_CONTENT_TYPE = "application/json";

    @UriParam(label = "common", defaultValue = "127.0.0.1")
    private String host = "127.0.0.1";
    @UriParam(label = "common", defaultValue = "5062")
    private int port = 5062;
    @UriParam(label = "common", defaultValue = "udp", enums = "udp,tcp,tls")
    private String transport = "udp";
    @UriParam(label = "security")
    @Metadata(description = "Empty: each dialog's own recorder only")
    private String recorderHosts;
    @UriParam(label = "security", defaultValue = "16384")
    private int maxMessageBytes = UserAgentOptions.DEFAULT_MAX_MESSAGE_BYTES;
    @UriParam(label = "security")
    private String tlsKeystore;
    @UriParam(label = "security", secret = true)
    private String tlsKeystorePassword;
    @UriParam(label = "security")
    @Metadata(description = "Empty: the JDK's CAs")
    private String tlsTruststore;
    @UriParam(label = "security", secret = true)
    private String tlsTruststorePassword;
    @UriParam(label = "producer", defaultValue = "5000")
    private long timeoutMs = 5000;
    @UriParam(label = "common")
    @Metadata(description = "Empty: only the recorders of live sessions")
    private String keepaliveRecorders;
    @UriParam(label = "common", defaultValue = "5000")
    private long keepaliveMs = 5000;
    @UriParam(label = "common", defaultValue = "3")
    private int keepaliveFailures = 3;
    @UriParam(label = "common", defaultValue = "true")
    private boolean hangUpOnStop = true;
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
    @UriParam(label = "producer", defaultValue = DEFAULT_MSML_CONTENT_TYPE)
    private String msmlContentType = DEFAULT_MSML_CONTENT_TYPE;
    @UriParam(label = "producer", defaultValue = RecordDestination.DEFAULT_TEMPLATE)
    private String msmlRecordDest = RecordDestination.DEFAULT_TEMPLATE;
    @UriParam(label = "producer", defaultValue = DEFAULT_MSML_RECORD_FORMAT)
    private String msmlRecordFormat = DEFAULT_MSML_RECORD_FORMAT;
    @UriParam(label = "producer", defaultValue = DEFAULT_MSML_MAX_TIME)
    private String msmlMaxTime = DEFAULT_MSML_MAX_TIME;
    @UriParam(label = "producer")
    @Metadata(description = "Empty: the producer drives recording sessions")
    private String messageTo;
    @UriParam(label = "producer", defaultValue = DEFAULT_MESSAGE_CONTENT_TYPE)
    private String messageContentType = DEFAULT_MESSAGE_CONTENT_TYPE;
    @UriParam(label = "producer", defaultValue = "false")
    @Metadata(description = "sip-recorder:session only: the body is a List of requests")
    private boolean batch = false;

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
     * {@code udp}, {@code tcp} or {@code tls}: the transport of the listening point and of every
     * request sent (a recorder URI naming another is refused; {@code sips:} needs {@code tls}).
     * Component only.
     */
    public void setTransport(String transport) {
        this.transport = transport == null ? null : transport.trim().toLowerCase(Locale.ROOT);
    }

    public String getRecorderHosts() {
        return recorderHosts;
    }

    /**
     * {@code host[:port]} entries (comma-separated) whose requests are taken in every dialog, e.g. the
     * other nodes of a recorder cluster; host names are looked up once at start. Without them a
     * dialog takes requests only from its own recorder. Component only.
     */
    public void setRecorderHosts(String recorderHosts) {
        this.recorderHosts = recorderHosts;
    }

    public int getMaxMessageBytes() {
        return maxMessageBytes;
    }

    /** The longest SIP message read (4096 to 65535); a longer one is dropped and counted. Component only. */
    public void setMaxMessageBytes(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public String getTlsKeystore() {
        return tlsKeystore;
    }

    /** PKCS12 file with the gateway's key and certificate chain; required with {@code transport=tls}. Component only. */
    public void setTlsKeystore(String tlsKeystore) {
        this.tlsKeystore = tlsKeystore;
    }

    public String getTlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    /** The keystore's password (also the key's). Component only. */
    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        this.tlsKeystorePassword = tlsKeystorePassword;
    }

    public String getTlsTruststore() {
        return tlsTruststore;
    }

    /** PKCS12 file with the recorders' certificates or their CA. Empty: the JDK's CAs. Component only. */
    public void setTlsTruststore(String tlsTruststore) {
        this.tlsTruststore = tlsTruststore;
    }

    public String getTlsTruststorePassword() {
        return tlsTruststorePassword;
    }

    /** The truststore's password. Component only. */
    public void setTlsTruststorePassword(String tlsTruststorePassword) {
        this.tlsTruststorePassword = tlsTruststorePassword;
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

    public String getKeepaliveRecorders() {
        return keepaliveRecorders;
    }

    /**
     * Recorder URIs (comma-separated) that get a SIP OPTIONS keepalive every {@code keepaliveMs}
     * even while no session is on them, e.g. {@code recgate.recorder.uri}; the recorders of live
     * sessions get one anyway (docs/sip-recorder.md, "Recorder liveness"). Component only.
     */
    public void setKeepaliveRecorders(String keepaliveRecorders) {
        this.keepaliveRecorders = keepaliveRecorders;
    }

    public long getKeepaliveMs() {
        return keepaliveMs;
    }

    /**
     * How often each recorder gets OPTIONS, in milliseconds, and how long each OPTIONS waits for its
     * answer. {@code 0}: no keepalives (recorders are then marked DOWN only by failed in-dialog
     * requests). Component only.
     */
    public void setKeepaliveMs(long keepaliveMs) {
        this.keepaliveMs = keepaliveMs;
    }

    public int getKeepaliveFailures() {
        return keepaliveFailures;
    }

    /** Keepalives missed in a row (no answer, 408 or 503) that mark a recorder DOWN. Component only. */
    public void setKeepaliveFailures(int keepaliveFailures) {
        this.keepaliveFailures = keepaliveFailures;
    }

    public boolean isHangUpOnStop() {
        return hangUpOnStop;
    }

    /**
     * Whether stopping the component hangs up the sessions still live (BYE). false: they are left
     * running at their recorders, for the next process to take over from their stored dialog state
     * (RESTORE, docs/durable-state.md §3). Component only.
     */
    public void setHangUpOnStop(boolean hangUpOnStop) {
        this.hangUpOnStop = hangUpOnStop;
    }

    /** The URIs of {@code keepaliveRecorders}, trimmed, in order. */
    public List<String> keepaliveRecorderList() {
        return blank(keepaliveRecorders) ? List.of()
                : Arrays.stream(keepaliveRecorders.split(",")).map(String::trim).filter(uri -> !uri.isEmpty()).toList();
    }

    /** What recorder liveness takes from these options. */
    public LivenessSettings livenessSettings() {
        return new LivenessSettings(keepaliveRecorderList(), keepaliveMs, keepaliveFailures, fromUser,
                blank(domain) ? host : domain);
    }

    public Dialect getDialect() {
        return dialect;
    }

    /**
     * The dialect used for a destination that names none: {@code siprec} or {@code msml}. A
     * destination names its own with {@link RecorderDestination#dialect()}, and a recorder URI with
     * {@code ;dialect=siprec|msml}, which wins over both.
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
     * The XML namespace of our own element {@code <rg:tlib>}, which carries recording id,
     * connection id, call UUID, recorded DN, side, file name and params: in the SIPREC metadata's
     * {@code <session>} and in the MSML {@code <dialogstart>}. It must not be the RFC 7865
     * namespace: extensions live in a foreign namespace.
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

    public String getMsmlContentType() {
        return msmlContentType;
    }

    /**
     * The Content-Type of the MSML bodies sent in INFO (RFC 5707 registers
     * {@code application/vnd.radisys.msml+xml}; Dialogic XMS uses {@code application/xml}).
     */
    public void setMsmlContentType(String msmlContentType) {
        this.msmlContentType = msmlContentType;
    }

    public String getMsmlRecordDest() {
        return msmlRecordDest;
    }

    /**
     * Where the media server writes each record ({@code <record dest>}): a URI template with
     * {@code {fileName}}, {@code {recordingId}}, {@code {connectionId}}, {@code {callUuid}},
     * {@code {dn}}, {@code {record}} (r1/r2), {@code {role}} (primary/duplicate) and {@code {suffix}}
     * (empty for the primary, {@code -dest2} for the duplicate).
     */
    public void setMsmlRecordDest(String msmlRecordDest) {
        this.msmlRecordDest = msmlRecordDest;
    }

    public String getMsmlRecordFormat() {
        return msmlRecordFormat;
    }

    /** The {@code <record format>}: the file's media type, e.g. {@code audio/wav;codecs=mulaw}. */
    public void setMsmlRecordFormat(String msmlRecordFormat) {
        this.msmlRecordFormat = msmlRecordFormat;
    }

    public String getMsmlMaxTime() {
        return msmlMaxTime;
    }

    /** The {@code <record maxtime>}: the longest a record may run, in {@code s} or {@code ms} (e.g. {@code 7200s}). */
    public void setMsmlMaxTime(String msmlMaxTime) {
        this.msmlMaxTime = msmlMaxTime;
    }

    public String getMessageTo() {
        return messageTo;
    }

    /**
     * SIP URIs (comma-separated) that get the exchange body as a SIP MESSAGE (RFC 3428), each one
     * its own request. {@code sip-recorder:message} only. Empty: nothing is sent (the body out is
     * an empty list), so a route can keep the endpoint while its targets are not configured.
     */
    public void setMessageTo(String messageTo) {
        this.messageTo = messageTo;
    }

    public String getMessageContentType() {
        return messageContentType;
    }

    /** The Content-Type of the MESSAGE bodies ({@code messageTo}): a {@code type/subtype}. */
    public void setMessageContentType(String messageContentType) {
        this.messageContentType = messageContentType;
    }

    public boolean isBatch() {
        return batch;
    }

    /**
     * {@code sip-recorder:session} only. {@code true}: the body is a {@code List<RecorderRequest>}
     * (one per recording of a call), all done at once, and the body out is the
     * {@code List<RecorderResponse>} in the same order. {@code false}: the body is one
     * {@code RecorderRequest}, and a list body is refused, so a route says which one it sends.
     */
    public void setBatch(boolean batch) {
        this.batch = batch;
    }

    /** The URIs of {@code messageTo}, trimmed, in order; empty when the option is not set. */
    public List<String> messageTargets() {
        if (blank(messageTo)) {
            return List.of();
        }
        return Arrays.stream(messageTo.split(",")).map(String::trim).filter(uri -> !uri.isEmpty()).toList();
    }

    /** Checks every option; the message names the option and what is allowed. */
    public void validate() {
        require(host != null && !host.isBlank(), "host is required");
        require(!host.equals("0.0.0.0") && !host.equals("::"),
                "host must be an address recorders can reach (it goes into Via and Contact), not " + host);
        require(port > 0 && port <= 65535, "port must be 1-65535, not " + port);
        require(SipTarget.isTransport(transport), "transport must be udp, tcp or tls, not " + transport);
        require(maxMessageBytes >= UserAgentOptions.MIN_MESSAGE_BYTES && maxMessageBytes <= 65535,
                "maxMessageBytes must be 4096-65535, not " + maxMessageBytes);
        require(!SipTarget.TLS.equals(transport) || !blank(tlsKeystore),
                "transport tls needs tlsKeystore (recgate.sip.tls.keystore): the gateway's key and certificate");
        recorderHostList().forEach(entry -> HostPort.parse(entry, "sip-recorder: recorderHosts"));
        require(timeoutMs > 0, "timeoutMs must be positive, not " + timeoutMs);
        require(keepaliveMs >= 0, "keepaliveMs must be 0 (off) or positive, not " + keepaliveMs);
        require(keepaliveFailures >= 1, "keepaliveFailures must be at least 1, not " + keepaliveFailures);
        keepaliveRecorderList().forEach(uri -> requireSipUri("keepaliveRecorders", uri));
        require(dialect != null, "dialect must be siprec or msml");
        require(fromUser != null && !fromUser.isBlank(), "fromUser is required");
        require(metadataNamespace != null && !metadataNamespace.isBlank()
                && !metadataNamespace.equals(RecordingMetadata.NAMESPACE),
                "metadataNamespace must be a namespace of our own, not empty or " + RecordingMetadata.NAMESPACE);
        require(mediaPort > 0 && mediaPort <= 65533, "mediaPort must be 1-65533, not " + mediaPort);
        FailoverRule.parse(failoverOnStatus);
        require(msmlContentType != null && msmlContentType.trim().matches("[\\w.+-]+/[\\w.+-]+"),
                "msmlContentType must be a type/subtype, not " + msmlContentType);
        require(msmlRecordDest != null && !msmlRecordDest.isBlank(), "msmlRecordDest is required");
        try {
            RecordDestination.validate(msmlRecordDest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sip-recorder: " + e.getMessage(), e);
        }
        require(msmlRecordFormat != null && !msmlRecordFormat.isBlank(), "msmlRecordFormat is required");
        require(msmlMaxTime != null && msmlMaxTime.matches("\\+?([0-9]*\\.)?[0-9]+(ms|s)"),
                "msmlMaxTime must be a duration in s or ms (e.g. 7200s), not " + msmlMaxTime);
        require(messageContentType != null && messageContentType.trim().matches("[\\w.+-]+/[\\w.+-]+"),
                "messageContentType must be a type/subtype, not " + messageContentType);
        messageTargets().forEach(uri -> requireSipUri("messageTo", uri));
    }

    private static void requireSipUri(String option, String uri) {
        boolean sip;
        try {
            sip = new AddressFactoryImpl().createURI(uri) instanceof SipURI;
        } catch (ParseException e) {
            sip = false;
        }
        require(sip, option + " must list SIP URIs (sip:user@host[:port]), not '" + uri + "'");
    }

    /** The entries of {@code recorderHosts}, trimmed, in order. */
    public List<String> recorderHostList() {
        return blank(recorderHosts) ? List.of()
                : Arrays.stream(recorderHosts.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    /**
     * What the component's user agent takes besides its listening point; its counters go to
     * {@code meters}; it sends only while the {@link LeadershipLease} of {@code registry} is held
     * (bound by a gateway with a hot-standby pair: fencing, docs/operations.md "High availability"),
     * always when there is none.
     */
    public UserAgentOptions userAgentOptions(MeterRegistry meters, org.apache.camel.spi.Registry registry) {
        SipTls tls = SipTarget.TLS.equals(transport)
                ? new SipTls(tlsKeystore, tlsKeystorePassword, tlsTruststore, tlsTruststorePassword) : null;
        LeadershipLease lease = registry.lookupByNameAndType(LeadershipLease.BEAN, LeadershipLease.class);
        return new UserAgentOptions(recorderHostList(), maxMessageBytes, tls, meters, lease);
    }

    /** The settings SIPREC sessions started through this configuration use. */
    public SiprecSettings siprecSettings() {
        return new SiprecSettings(timeoutMs, FailoverRule.parse(failoverOnStatus), fromUser,
                blank(domain) ? host : domain, metadataNamespace,
                blank(mediaAddress) ? host : mediaAddress, mediaPort);
    }

    /** The settings MSML dialogs started through this configuration use. */
    public MsmlSettings msmlSettings() {
        return new MsmlSettings(timeoutMs, FailoverRule.parse(failoverOnStatus), fromUser, blank(domain) ? host : domain,
                metadataNamespace, blank(mediaAddress) ? host : mediaAddress, mediaPort, msmlContentType.trim(),
                msmlRecordDest, msmlRecordFormat, msmlMaxTime);
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
