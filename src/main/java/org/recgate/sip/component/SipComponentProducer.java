package org.recgate.sip.component;

import java.util.function.Function;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * What both producers of the component start from: their endpoint's options, and the part of the
 * component's SIP side they use, which exists only while the component is started (its one SIP
 * stack is shared by all endpoints).
 *
 * @param <T> the part: the user agent (MESSAGE) or the dialects (recording sessions)
 */
abstract class SipComponentProducer<T> extends DefaultAsyncProducer {

    protected final SipRecorderConfiguration configuration;
    private final Function<SipRecorderComponent, T> part;
    private T started;

    SipComponentProducer(SipRecorderEndpoint endpoint, Function<SipRecorderComponent, T> part) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
        this.part = part;
    }

    @Override
    public SipRecorderEndpoint getEndpoint() {
        return (SipRecorderEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        started = part.apply(getEndpoint().getComponent());
        if (started == null) {
            throw new IllegalStateException("the sip-recorder component is not started");
        }
    }

    /** The component's part this producer uses; set from {@link #doStart()} on. */
    protected T started() {
        return started;
    }
}
