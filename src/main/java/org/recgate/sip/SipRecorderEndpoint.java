package org.recgate.sip;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A {@code sip-recorder:name} endpoint. The name only labels it (e.g. {@code recorders},
 * {@code events}); what it does depends on where it is used: as a producer it drives recording
 * sessions (or, with {@code messageTo}, sends SIP MESSAGEs), as a consumer it delivers recorder
 * events. All use the component's SIP stack.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sip-recorder", title = "SIP Recorder", syntax = "sip-recorder:name",
             category = {Category.NETWORKING}, headersClass = SipRecorderConstants.class)
public class SipRecorderEndpoint extends DefaultEndpoint {

    @UriPath(description = "A label for the endpoint; it selects nothing")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final SipRecorderConfiguration configuration;

    public SipRecorderEndpoint(String uri, SipRecorderComponent component, String name,
                               SipRecorderConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    /** With {@code messageTo}: a producer of SIP MESSAGEs; without: one of recording sessions. */
    @Override
    public Producer createProducer() {
        if (!configuration.messageTargets().isEmpty()) {
            return new SipMessageProducer(this);
        }
        return new SipRecorderProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SipRecorderConsumer consumer = new SipRecorderConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public SipRecorderComponent getComponent() {
        return (SipRecorderComponent) super.getComponent();
    }

    public String getName() {
        return name;
    }

    public SipRecorderConfiguration getConfiguration() {
        return configuration;
    }
}
