package org.recgate.recording;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/** {@link RecorderGateway} through the {@code sip-recorder} producer endpoint, asynchronously. */
public final class RecorderEndpointGateway implements RecorderGateway {

    private final ProducerTemplate template;
    private final String endpointUri;

    public RecorderEndpointGateway(CamelContext camel, String endpointUri) {
        this.template = camel.createProducerTemplate();
        this.endpointUri = endpointUri;
    }

    @Override
    public CompletableFuture<RecorderResponse> send(RecorderRequest request) {
        return template.asyncRequestBody(endpointUri, request, RecorderResponse.class);
    }

}
