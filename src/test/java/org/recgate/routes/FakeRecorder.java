package org.recgate.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/**
 * The recorders behind the mocked {@code sip-recorder:session}: answers each request of the body
 * (one {@link RecorderRequest}, or a list of them) the way the component does (docs/sip-recorder.md),
 * every destination with the same outcome, and keeps what it was asked. The SIP side itself is
 * tested with sipp (the *IT tests).
 */
final class FakeRecorder implements Processor {

    private final List<RecorderRequest> requests = new CopyOnWriteArrayList<>();
    private volatile DestinationStatus failure;
    private volatile boolean dialogStates;
    private volatile String renewAt;

    /** From now on every destination answers with {@code status} (e.g. REJECTED: a 486). */
    FakeRecorder failWith(DestinationStatus status) {
        this.failure = status;
        return this;
    }

    /** From now on every established result carries a dialog state, as the component's do (none by default). */
    FakeRecorder withDialogStates() {
        this.dialogStates = true;
        return this;
    }

    /** From now on a RESTORE sets up a new session ({@code renewed}) at {@code uri}, as after a lost dialog. */
    FakeRecorder renewRestoresAt(String uri) {
        this.renewAt = uri;
        return this;
    }

    /** From now on every request succeeds (the default). */
    FakeRecorder succeed() {
        this.failure = null;
        return this;
    }

    List<RecorderRequest> requests() {
        return List.copyOf(requests);
    }

    List<RecorderOperation> operations() {
        return requests.stream().map(RecorderRequest::operation).toList();
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            exchange.getMessage().setBody(list.stream().map(request -> answer((RecorderRequest) request)).toList());
        } else {
            exchange.getMessage().setBody(answer(exchange.getMessage().getBody(RecorderRequest.class)));
        }
    }

    private RecorderResponse answer(RecorderRequest request) {
        requests.add(request);
        DestinationStatus status = failure != null ? failure
                : request.operation() == RecorderOperation.STOP ? DestinationStatus.ENDED : DestinationStatus.ESTABLISHED;
        Integer sipStatus = switch (status) {
            case REJECTED -> 486;
            case TIMEOUT, UNREACHABLE -> null;
            default -> 200;
        };
        boolean renewed = renewAt != null && request.operation() == RecorderOperation.RESTORE && status.succeeded();
        return new RecorderResponse(request.operation(), request.session().recordingId(), request.destinations().stream()
                .map(d -> new DestinationResult(renewed ? renewAt : d.uri(), d.role(), d.dialect(), status, sipStatus,
                        status.succeeded() ? null : sipStatus != null ? sipStatus + " Busy Here" : "no answer", null))
                .map(r -> dialogStates && status == DestinationStatus.ESTABLISHED
                        ? r.withDialogState(Map.of("dialog", Map.of("recorder", r.uri()))) : r)
                .map(r -> renewed ? r.asRenewed() : r)
                .toList());
    }
}
