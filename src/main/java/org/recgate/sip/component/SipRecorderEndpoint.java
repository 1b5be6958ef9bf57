package org.recgate.sip.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/**
 * A {@code sip-recorder:<purpose>} endpoint; the path says what it is for:
 * <ul>
 * <li>{@code sip-recorder:session}: a producer that starts, pauses, resumes, updates and stops
 *     recording sessions ({@link RecorderRequest} in, {@link RecorderResponse} out; with
 *     {@code batch=true} a list of each);</li>
 * <li>{@code sip-recorder:events}: a consumer of what recorders do on their own ({@link RecorderEvent});</li>
 * <li>{@code sip-recorder:message?messageTo=...}: a producer that sends the body as a SIP MESSAGE
 *     (RFC 3428) to each target.</li>
 * </ul>
 * All use the component's SIP stack. A producer asked of {@code events}, or a consumer of a
 * producer endpoint, is refused with the purpose named.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sip-recorder", title = "SIP Recorder", syntax = "sip-recorder:purpose",
             category = {Category.NETWORKING}, headersClass = SipRecorderConstants.class)
public class SipRecorderEndpoint extends DefaultEndpoint {

    /** What an endpoint is for: the path of its URI. */
    public enum Purpose {
        /** Producer: recording sessions. */
        SESSION,
        /** Consumer: recorder events. */
        EVENTS,
        /** Producer: SIP MESSAGEs to {@code messageTo}. */
        MESSAGE;

        /** The path that names it in an endpoint URI. */
        public String path() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The purpose a URI path names; anything else is refused with the paths there are. */
        public static Purpose ofPath(String path) {
            for (Purpose purpose : values()) {
                if (purpose.path().equals(path)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("sip-recorder: unknown endpoint 'sip-recorder:" + path + "': use "
                    + Arrays.stream(values()).map(p -> "sip-recorder:" + p.path()).collect(Collectors.joining(", "))
                    + " (docs/sip-recorder.md)");
        }
    }

    @UriPath(enums = "session,events,message",
             description = "session: recording sessions (producer); events: recorder events (consumer);"
                     + " message: SIP MESSAGEs to messageTo (producer)")
    @Metadata(required = true)
    private final Purpose purpose;

    @UriParam
    private final SipRecorderConfiguration configuration;

    public SipRecorderEndpoint(String uri, SipRecorderComponent component, Purpose purpose,
                               SipRecorderConfiguration configuration) {
        super(uri, component);
        this.purpose = purpose;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return switch (purpose) {
            case SESSION -> new SipRecorderProducer(this);
            case MESSAGE -> new SipMessageProducer(this);
            case EVENTS -> throw new UnsupportedOperationException(
                    "sip-recorder:events only delivers recorder events (from:); send to sip-recorder:session or sip-recorder:message");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (purpose != Purpose.EVENTS) {
            throw new UnsupportedOperationException("sip-recorder:" + purpose.path()
                    + " is a producer (to:); recorder events come from sip-recorder:events");
        }
        SipRecorderConsumer consumer = new SipRecorderConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public SipRecorderComponent getComponent() {
        return (SipRecorderComponent) super.getComponent();
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public SipRecorderConfiguration getConfiguration() {
        return configuration;
    }
}
