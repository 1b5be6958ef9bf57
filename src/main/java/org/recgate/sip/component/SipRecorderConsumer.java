package org.recgate.sip.component;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.recgate.sip.RecorderEvent;

/**
 * The consumer of {@code sip-recorder:events}: delivers what recorders do on their own, one
 * exchange per {@link RecorderEvent} (a recorder hung up, an MSML dialog exited without the
 * gateway asking, or a session stopped answering). Every started consumer of the component gets
 * every event.
 */
public class SipRecorderConsumer extends DefaultConsumer {

    /** The component's recorder events go to every consumer it has. */
    private final SipRecorderComponent component;

    public SipRecorderConsumer(SipRecorderEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.component = endpoint.getComponent();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        component.addConsumer(this);
    }

    @Override
    protected void doStop() throws Exception {
        component.removeConsumer(this);
        super.doStop();
    }

    void deliver(RecorderEvent event) {
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(event);
        exchange.getIn().setHeader(SipRecorderConstants.RECORDING_ID, event.recordingId());
        exchange.getIn().setHeader(SipRecorderConstants.URI, event.uri());
        exchange.getIn().setHeader(SipRecorderConstants.ROLE, event.role());
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Processing a recorder event failed", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        });
    }
}
