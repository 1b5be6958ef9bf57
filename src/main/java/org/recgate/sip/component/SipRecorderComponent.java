package org.recgate.sip.component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;
import org.recgate.sip.liveness.LivenessService;
import org.recgate.sip.liveness.RecorderLiveness;
import org.recgate.sip.msml.MsmlRecorder;
import org.recgate.sip.session.RecorderDialects;
import org.recgate.sip.siprec.SiprecRecorder;
import org.recgate.sip.stack.SipUserAgent;
import org.recgate.support.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sip-recorder:} component: the gateway as a SIP user agent client toward recording
 * servers (SIPREC, RFC 7866) and media servers (MSML, RFC 5707). {@code to("sip-recorder:session")}
 * starts, pauses, resumes, updates and stops recording sessions ({@link RecorderRequest} in,
 * {@link RecorderResponse} out); {@code from("sip-recorder:events")} delivers what recorders do on
 * their own ({@link RecorderEvent}); {@code to("sip-recorder:message?messageTo=sip:...")} sends the
 * body as a SIP MESSAGE ({@link SipMessageProducer}). docs/sip-recorder.md describes it.
 * <p>
 * Camel finds it by its scheme ({@code META-INF/services/org/apache/camel/component/sip-recorder});
 * Camel main binds {@code camel.component.sip-recorder.<option>} to the setters below, each an option
 * of the {@linkplain #getConfiguration() configuration} endpoints start from a copy of.
 * One SIP stack per component, shared by every endpoint, from {@link #doStart()} to {@link #doStop()};
 * stopping hangs up the live sessions ({@code hangUpOnStop}) or leaves them to the next process.
 */
@Component("sip-recorder")
public class SipRecorderComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SipRecorderComponent.class);

    @Metadata(description = "The component's options; endpoints start from a copy of them")
    private SipRecorderConfiguration configuration = new SipRecorderConfiguration();

    private final List<SipRecorderConsumer> consumers = new CopyOnWriteArrayList<>();
    private ExecutorService worker;
    private SipUserAgent userAgent;
    private RecorderDialects dialects;
    private LivenessService liveness;

    public SipRecorderComponent() {
    }

    public SipRecorderComponent(SipRecorderConfiguration configuration) {
        this.configuration = configuration;
    }

    public SipRecorderConfiguration getConfiguration() {
        return configuration;
    }

    /** All options at once (listening point, and the defaults of its endpoints). */
    public void setConfiguration(SipRecorderConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * The address the SIP stack listens on; it also goes into Via and Contact (RFC 3261 §8.1.1.7,
     * §8.1.1.8), so it must be one recorders can reach, not a wildcard. Default {@code 127.0.0.1}.
     */
    public void setHost(String host) {
        configuration.setHost(host);
    }

    /** The port the SIP stack listens on. Default {@code 5062}. */
    public void setPort(int port) {
        configuration.setPort(port);
    }

    /** {@code udp}, {@code tcp} or {@code tls}: the listening point's transport, and that of every request. Default {@code udp}. */
    public void setTransport(String transport) {
        configuration.setTransport(transport);
    }

    /** {@code host[:port]} entries whose requests are taken in every dialog, besides each dialog's recorder. Default none. */
    public void setRecorderHosts(String recorderHosts) {
        configuration.setRecorderHosts(recorderHosts);
    }

    /** The longest SIP message read; a longer one is dropped and counted. Default 16384. */
    public void setMaxMessageBytes(int maxMessageBytes) {
        configuration.setMaxMessageBytes(maxMessageBytes);
    }

    /** PKCS12 file with the gateway's key and certificate, for {@code transport=tls}. */
    public void setTlsKeystore(String tlsKeystore) {
        configuration.setTlsKeystore(tlsKeystore);
    }

    /** The keystore's password. */
    public void setTlsKeystorePassword(String tlsKeystorePassword) {
        configuration.setTlsKeystorePassword(tlsKeystorePassword);
    }

    /** PKCS12 file with the recorders' certificates or CA. Default: the JDK's CAs. */
    public void setTlsTruststore(String tlsTruststore) {
        configuration.setTlsTruststore(tlsTruststore);
    }

    /** The truststore's password. */
    public void setTlsTruststorePassword(String tlsTruststorePassword) {
        configuration.setTlsTruststorePassword(tlsTruststorePassword);
    }

    /** Endpoint default: how long each SIP request waits for its final answer, in ms (per failover candidate). Default 5000. */
    public void setTimeoutMs(long timeoutMs) {
        configuration.setTimeoutMs(timeoutMs);
    }

    /** Recorder URIs (comma-separated) sent OPTIONS keepalives even without a session on them. Default none. */
    public void setKeepaliveRecorders(String keepaliveRecorders) {
        configuration.setKeepaliveRecorders(keepaliveRecorders);
    }

    /** How often each recorder gets an OPTIONS keepalive, in ms; 0: none. Default 5000. */
    public void setKeepaliveMs(long keepaliveMs) {
        configuration.setKeepaliveMs(keepaliveMs);
    }

    /** Keepalives missed in a row that mark a recorder DOWN (skipped for new recordings). Default 3. */
    public void setKeepaliveFailures(int keepaliveFailures) {
        configuration.setKeepaliveFailures(keepaliveFailures);
    }

    /** Whether a stop hangs up the live sessions (BYE); false leaves them to the next process (RESTORE). Default true. */
    public void setHangUpOnStop(boolean hangUpOnStop) {
        configuration.setHangUpOnStop(hangUpOnStop);
    }

    /** Endpoint default: the dialect of a destination that names none, {@code siprec} or {@code msml}. Default siprec. */
    public void setDialect(Dialect dialect) {
        configuration.setDialect(dialect);
    }

    /** Endpoint default: the user part of From and of our Contact. Default {@code recgate}. */
    public void setFromUser(String fromUser) {
        configuration.setFromUser(fromUser);
    }

    /** Endpoint default: the host part of From and of the participants' AORs. Default: the listening host. */
    public void setDomain(String domain) {
        configuration.setDomain(domain);
    }

    /** Endpoint default: the namespace of our {@code <rg:tlib>} element (not RFC 7865's). Default {@code urn:recgate:tlib:1}. */
    public void setMetadataNamespace(String metadataNamespace) {
        configuration.setMetadataNamespace(metadataNamespace);
    }

    /** Endpoint default: the final answers to a setup INVITE after which the next candidate is tried. Default {@code 408,5xx,6xx}. */
    public void setFailoverOnStatus(String failoverOnStatus) {
        configuration.setFailoverOnStatus(failoverOnStatus);
    }

    /** Endpoint default: the media source address of the SDP offer ({@code c=}, {@code o=}). Default: the listening host. */
    public void setMediaAddress(String mediaAddress) {
        configuration.setMediaAddress(mediaAddress);
    }

    /** Endpoint default: the RTP port of the offer's first m-line (the second is this + 2). Default 40000. */
    public void setMediaPort(int mediaPort) {
        configuration.setMediaPort(mediaPort);
    }

    /** Endpoint default: the Content-Type of MSML bodies in INFO. Default {@code application/vnd.radisys.msml+xml}. */
    public void setMsmlContentType(String msmlContentType) {
        configuration.setMsmlContentType(msmlContentType);
    }

    /** Endpoint default: the MSML {@code <record dest>} template. Default {@code file:///recordings/{fileName}{suffix}.wav}. */
    public void setMsmlRecordDest(String msmlRecordDest) {
        configuration.setMsmlRecordDest(msmlRecordDest);
    }

    /** Endpoint default: the MSML {@code <record format>} (RFC 5707 §9.7.4). Default {@code audio/wav}. */
    public void setMsmlRecordFormat(String msmlRecordFormat) {
        configuration.setMsmlRecordFormat(msmlRecordFormat);
    }

    /** Endpoint default: the MSML {@code <record maxtime>}, in {@code s} or {@code ms}. Default {@code 7200s}. */
    public void setMsmlMaxTime(String msmlMaxTime) {
        configuration.setMsmlMaxTime(msmlMaxTime);
    }

    /** Endpoint default: the Content-Type of the bodies {@code sip-recorder:message} sends. Default {@code application/json}. */
    public void setMessageContentType(String messageContentType) {
        configuration.setMessageContentType(messageContentType);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SipRecorderEndpoint.Purpose purpose = SipRecorderEndpoint.Purpose.ofPath(remaining);
        EndpointOptions.refuseComponentOptions(parameters, uri);
        SipRecorderConfiguration endpointConfiguration = configuration.copy();
        setProperties(endpointConfiguration, parameters);
        endpointConfiguration.validate();
        EndpointOptions.requireOptionsOf(purpose, endpointConfiguration, uri);
        return new SipRecorderEndpoint(uri, this, purpose, endpointConfiguration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        configuration.validate();
        worker = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "SipRecorder");
        MeterRegistry meters = meters();
        new Meters(meters).gauge("recgate.sip.dialogs", "SIP dialogs with recorders the stack holds, set up or being set up",
                this, component -> component.userAgent == null ? 0 : component.userAgent.dialogs().count());
        userAgent = new SipUserAgent(configuration.getHost(), configuration.getPort(), configuration.getTransport(), worker,
                configuration.userAgentOptions(meters, getCamelContext().getRegistry()));
        // recorder liveness and mid-call failover (docs/sip-recorder.md, "Recorder liveness", "Mid-call failover")
        liveness = new LivenessService(getCamelContext(), userAgent, configuration.getTransport(),
                configuration.livenessSettings(), new Meters(meters));
        RecorderLiveness states = liveness.liveness();
        dialects = new RecorderDialects(userAgent, Map.of(Dialect.SIPREC, new SiprecRecorder(userAgent, this::publish,
                states), Dialect.MSML, new MsmlRecorder(userAgent, this::publish)));
        userAgent.start(dialects);
        new MidCallFailover(userAgent, dialects, states, worker, this::publish).listenTo(states);
        liveness.start(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (liveness != null) {
            liveness.stop();
        }
        if (dialects != null && configuration.isHangUpOnStop()) {
            dialects.hangUpAll();
        }
        if (userAgent != null) {
            userAgent.stop();
        }
        if (worker != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(worker);
        }
        dialects = null;
        userAgent = null;
        liveness = null;
        worker = null; // the next start makes them anew
        super.doStop();
    }

    /** The CamelContext's registry for the user agent's counters (docs/operations.md); one read by nobody when it has none. */
    private MeterRegistry meters() {
        Set<MeterRegistry> registries = getCamelContext().getRegistry().findByType(MeterRegistry.class);
        return registries.isEmpty() ? new SimpleMeterRegistry() : registries.iterator().next();
    }

    /** The SIP user agent, for MESSAGE producers; null while the component is stopped. */
    SipUserAgent userAgent() {
        return userAgent;
    }

    /** The dialects (SIPREC, MSML), for producers; null while the component is stopped. */
    RecorderDialects dialects() {
        return dialects;
    }

    /** Each recorder's liveness, for producers; null while the component is stopped. */
    RecorderLiveness liveness() {
        return liveness == null ? null : liveness.liveness();
    }

    void addConsumer(SipRecorderConsumer consumer) {
        consumers.add(consumer);
    }

    void removeConsumer(SipRecorderConsumer consumer) {
        consumers.remove(consumer);
    }

    /** Hands a recorder event to every started consumer, on the worker (never on the SIP thread). */
    private void publish(RecorderEvent event) {
        if (consumers.isEmpty()) {
            LOG.warn("No sip-recorder consumer takes this recorder event: {}", event);
            return;
        }
        try {
            worker.execute(() -> consumers.forEach(consumer -> consumer.deliver(event)));
        } catch (RejectedExecutionException e) {
            LOG.warn("Stopping: recorder event not delivered: {}", event);
        }
    }
}
