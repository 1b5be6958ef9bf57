package org.recgate.sip;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.recgate.sip.msml.MsmlRecorder;
import org.recgate.sip.session.RecorderDialects;
import org.recgate.sip.siprec.SiprecRecorder;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sip-recorder:} component: the gateway as a SIP user agent client toward recording
 * servers (SIPREC) and media servers (MSML). {@code to("sip-recorder:recorders")} starts, pauses, resumes, updates and stops
 * recording sessions ({@link RecorderRequest} in, {@link RecorderResponse} out);
 * {@code from("sip-recorder:events")} delivers what recorders do on their own
 * ({@link RecorderEvent}); {@code to("sip-recorder:name?messageTo=sip:...")} sends the body as a
 * SIP MESSAGE ({@link SipMessageProducer}). docs/sip-recorder.md describes it.
 * <p>
 * One SIP stack per component, listening on the configuration's host, port and transport, shared
 * by every endpoint; it lives from {@link #doStart()} to {@link #doStop()}. Stopping hangs up the
 * sessions still live, so no recorder keeps recording for a gateway that is gone.
 */
public class SipRecorderComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SipRecorderComponent.class);
    private static final Set<String> LISTENING_POINT_OPTIONS = Set.of("host", "port", "transport");

    @Metadata(description = "The component's options; endpoints start from a copy of them")
    private SipRecorderConfiguration configuration = new SipRecorderConfiguration();

    private final List<SipRecorderConsumer> consumers = new CopyOnWriteArrayList<>();
    private ExecutorService worker;
    private SipUserAgent userAgent;
    private RecorderDialects dialects;

    public SipRecorderComponent() {
    }

    public SipRecorderComponent(SipRecorderConfiguration configuration) {
        this.configuration = configuration;
    }

    public SipRecorderConfiguration getConfiguration() {
        return configuration;
    }

    /** The component's options (listening point, and the defaults of its endpoints). */
    public void setConfiguration(SipRecorderConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        for (String option : LISTENING_POINT_OPTIONS) {
            if (parameters.containsKey(option)) {
                throw new IllegalArgumentException("sip-recorder: '" + option
                        + "' belongs to the component (one SIP listening point for all endpoints), not to " + uri);
            }
        }
        SipRecorderConfiguration endpointConfiguration = configuration.copy();
        setProperties(endpointConfiguration, parameters);
        endpointConfiguration.validate();
        return new SipRecorderEndpoint(uri, this, remaining, endpointConfiguration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        configuration.validate();
        worker = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "SipRecorder");
        userAgent = new SipUserAgent(configuration.getHost(), configuration.getPort(), configuration.getTransport(), worker);
        dialects = new RecorderDialects(userAgent, List.of(new SiprecRecorder(userAgent, this::publish),
                new MsmlRecorder(userAgent, this::publish)));
        userAgent.start(dialects);
    }

    @Override
    protected void doStop() throws Exception {
        if (dialects != null) {
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
        worker = null;
        super.doStop();
    }

    /** The SIP user agent, for MESSAGE producers; null while the component is stopped. */
    SipUserAgent userAgent() {
        return userAgent;
    }

    /** The dialects (SIPREC, MSML), for producers; null while the component is stopped. */
    RecorderDialects dialects() {
        return dialects;
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
