package org.recgate.gateway.api;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.recgate.call.Call;
import org.recgate.call.CallRegistry;
import org.recgate.config.ApplicationConfig;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.session.Permissions;
import org.recgate.session.SessionRegistry;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.GsipOperation;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * The REST API's recording requests as the {@code RequestPrivateService} a T-Library client sends:
 * the caller's application gets a session of its own for the request, registered Share on the DN it
 * acts for (in its DN scope, as {@code RequestRegisterAddress} would), so recording control applies
 * the same rules, authorization and audit (docs/api.md). The route hands the request to
 * {@code direct:private-service} by {@code enrich} with this strategy (the original exchange stays,
 * and the answer is the one the session's connection got), then {@link #answer} turns it into the HTTP answer.
 */
public record ApiRequests(SessionRegistry sessions, CallRegistry calls, AtomicLong referenceIds)
        implements AggregationStrategy {

    public ApiRequests(SessionRegistry sessions, CallRegistry calls) {
        this(sessions, calls, new AtomicLong());
    }

    /** {@code POST /calls/{connectionId}/recordings}: GSIP_RECORD_START; the body needs {@code dn}. */
    public TlibMessage start(Exchange exchange) {
        ApiBody body = ApiBody.parse(exchange.getMessage().getBody(String.class));
        if (body.dn() == null) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "the body needs dn, the DN whose side is recorded");
        }
        return request(exchange, GsipOperation.START, body);
    }

    public TlibMessage pause(Exchange exchange) {
        return operation(exchange, GsipOperation.PAUSE);
    }

    public TlibMessage resume(Exchange exchange) {
        return operation(exchange, GsipOperation.RESUME);
    }

    public TlibMessage stop(Exchange exchange) {
        return operation(exchange, GsipOperation.STOP);
    }

    /** {@code .../recordings/{id}/op} (that recording) or {@code .../recordings/op} (all the caller may control). */
    private TlibMessage operation(Exchange exchange, GsipOperation operation) {
        ApiBody body = ApiBody.parse(exchange.getMessage().getBody(String.class));
        String id = exchange.getMessage().getHeader("id", String.class);
        return request(exchange, operation, id == null ? body : body.withId(id));
    }

    private TlibMessage request(Exchange exchange, GsipOperation operation, ApiBody body) {
        ApplicationConfig application = exchange.getProperty(ApiCredentials.APPLICATION, ApplicationConfig.class);
        String connectionId = exchange.getMessage().getHeader("connectionId", String.class);
        long referenceId = referenceIds.incrementAndGet();
        ClientSession session = sessions.open(new ApiConnection(exchange.getProperty(ApiCredentials.REMOTE,
                InetSocketAddress.class), referenceId));
        try {
            session.registeredAs(application);
            String dn = body.dn() != null ? body.dn() : partyInScope(session, connectionId);
            Permissions.checkMayRegister(session, dn);
            sessions.register(session, dn, RegisterMode.SHARE);
            TlibMessage request = TlibMessage.of(MessageName.REQUEST_PRIVATE_SERVICE)
                    .with(Attr.REFERENCE_ID, referenceId)
                    .with(Attr.PRIVATE_MSG_ID, operation.privateMsgId())
                    .with(Attr.THIS_DN, dn)
                    .with(Attr.CONNECTION_ID, connectionId)
                    .with(Attr.EXTENSIONS, body.extensions());
            exchange.setProperty(TlibExchange.SESSION, session);
            exchange.setProperty(TlibExchange.REQUEST, request);
            exchange.setProperty(TlibExchange.RECEIVED_NANOS, System.nanoTime());
            exchange.getMessage().setHeader(TlibExchange.MESSAGE, request.name());
            return request;
        } catch (RuntimeException e) {
            sessions.close(session);
            throw e;
        }
    }

    /** No {@code dn} given: the first party of the call in the application's DN scope acts (404: no such call). */
    private String partyInScope(ClientSession session, String connectionId) {
        Call call = calls.find(connectionId).orElseThrow(() -> new TlibException(ErrorCode.INVALID_CONNECTION_ID,
                "no call " + connectionId + " is known to the gateway"));
        return call.parties().stream().filter(session.application().dns()::allows)
                .findFirst().orElseThrow(() -> Permissions.mayNotControl(session, connectionId));
    }

    /**
     * The enrich step's strategy: the REST exchange goes on with the route's reply (EventACK) and,
     * when the route refused the request, the error code it answered and audited.
     */
    @Override
    public Exchange aggregate(Exchange original, Exchange resource) {
        original.getMessage().setBody(resource.getMessage().getBody());
        original.setProperty(TlibExchange.ERROR_CODE, resource.getProperty(TlibExchange.ERROR_CODE));
        return original;
    }

    /** The last step: the session ends; EventACK → the JSON answer, EventError → its HTTP status (api-errors). */
    public Map<String, Object> answer(Exchange exchange) {
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        sessions.close(session);
        TlibMessage answer = ((ApiConnection) session.connection()).answer();
        if (answer == null) {
            throw new TlibException(ErrorCode.INTERNAL, "the request got no answer from recording control");
        }
        if (MessageName.EVENT_ERROR.equals(answer.name())) {
            ErrorCode code = ApiStatus.code(answer.number(Attr.ERROR_CODE));
            Map<String, Object> extensions = answer.kvList(Attr.EXTENSIONS);
            throw new ApiException(ApiStatus.of(code, extensions), code, answer.string(Attr.ERROR_MESSAGE), extensions);
        }
        TlibMessage request = exchange.getProperty(TlibExchange.REQUEST, TlibMessage.class);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("connectionId", request.string(Attr.CONNECTION_ID));
        result.put("dn", request.string(Attr.THIS_DN));
        result.put("operation", request.string(Attr.PRIVATE_MSG_ID));
        result.putAll(answer.kvList(Attr.EXTENSIONS));
        return result;
    }

    /** After a failure: the request's session, if it had one, ends too. */
    public void close(Exchange exchange) {
        ClientSession session = exchange.getProperty(TlibExchange.SESSION, ClientSession.class);
        if (session != null) {
            sessions.close(session);
        }
    }
}
