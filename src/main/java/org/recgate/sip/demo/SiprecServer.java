package org.recgate.sip.demo;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.msml.MsmlBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo recorder's SIP side: a SIPREC recording server (RFC 7866) as a user agent server, which
 * also answers as an MSML media server (RFC 5707) does.
 * <ul>
 * <li>INVITE: a SIPREC one ({@code Require: siprec}, a body with SDP and metadata) starts a
 *     recording session, answered 200 with an SDP answer and a Contact with {@code +sip.srs};
 *     anything else is refused (421, 420, 415, 400, 488; 500 when the file cannot be written).</li>
 * <li>re-INVITE, UPDATE: a new offer (pause, resume) and/or metadata snapshot; 200, with an SDP
 *     answer when there was an offer.</li>
 * <li>BYE: 200, the session is stopped. INFO: 200, logged. OPTIONS: 200 with what it accepts.
 *     CANCEL: 200 without effect (every INVITE is answered at once). ACK: nothing to do.</li>
 * <li>MSML: an INVITE to {@code sip:msml=<recording id>@host;dn=<DN>;record} with an SDP offer
 *     opens a connection (200 with an SDP answer; no {@code Require: siprec} needed). Each INFO in
 *     it carries an MSML request, answered 200 with an MSML {@code <result>}; re-INVITE and UPDATE
 *     only renegotiate SDP; BYE: 200, stopped.</li>
 * <li>In-dialog requests for an unknown session: 481. Other methods: 405.</li>
 * </ul>
 * Sessions are known by Call-ID: a recording session is one dialog, and a recorder is never forked to.
 */
final class SiprecServer implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SiprecServer.class);
    private static final String OPTION_TAG = "siprec";
    private static final String SRS_FEATURE_TAG = "+sip.srs";
    static final String USER = "recorder";
    private static final List<String> ALLOW = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.UPDATE, Request.INFO);
    private static final String MSML_TYPE = "application/vnd.radisys.msml+xml";
    private static final List<String> ACCEPT = List.of("application/sdp", "application/rs-metadata+xml",
            "application/rs-metadata", "multipart/mixed", MSML_TYPE);

    private final SipProvider provider;
    private final String host;
    private final int port;
    private final String transport;
    private final RecordingFolder folder;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();
    private final Map<String, RecorderSession> sessions = new ConcurrentHashMap<>();

    SiprecServer(SipProvider provider, String host, int port, String transport, RecordingFolder folder) {
        this.provider = provider;
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.folder = folder;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            LOG.debug("ACK in Call-ID {}", callId(request));
            return;
        }
        ServerTransaction transaction = event.getServerTransaction();
        try {
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException e) {
            return; // a retransmission: the stack answers it
        } catch (SipException e) {
            LOG.warn("Cannot answer {} from {}: {}", request.getMethod(), request.getHeader("From"), e.getMessage());
            return;
        }
        try {
            Response response;
            try {
                response = answer(request);
            } catch (Refusal refusal) {
                LOG.info("Refused {} (Call-ID {}): {} {}", request.getMethod(), callId(request), refusal.status(),
                        refusal.getMessage());
                response = refuse(request, refusal);
            } catch (RuntimeException e) {
                LOG.warn("Answering {} (Call-ID {}) failed", request.getMethod(), callId(request), e);
                response = refuse(request, new Refusal(Response.SERVER_INTERNAL_ERROR, "Demo recorder failed: " + e));
            }
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warn("Could not answer {} (Call-ID {})", request.getMethod(), callId(request), e);
        }
    }

    private Response answer(Request request) throws Refusal, ParseException {
        String method = request.getMethod();
        if (Request.OPTIONS.equals(method)) {
            return capabilities(messages.createResponse(Response.OK, request));
        }
        if (Request.CANCEL.equals(method)) {
            return messages.createResponse(Response.OK, request);
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (Request.INVITE.equals(method) && !inDialog) {
            return invite(request);
        }
        if (!ALLOW.contains(method)) {
            return capabilities(messages.createResponse(Response.METHOD_NOT_ALLOWED, request));
        }
        RecorderSession found = sessions.get(callId(request));
        if (found == null) {
            throw new Refusal(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No recording session with this Call-ID");
        }
        if (Request.BYE.equals(method)) {
            return bye(found, request);
        }
        if (found instanceof MsmlSession msml) {
            return Request.INFO.equals(method) ? msmlInfo(msml, request) : msmlOffer(msml, request);
        }
        DemoSession session = (DemoSession) found;
        return switch (method) {
            case Request.INVITE -> reinvite(session, request);
            case Request.UPDATE -> update(session, request);
            default -> info(session, request);
        };
    }

    private Response invite(Request request) throws Refusal, ParseException {
        if (request.getRequestURI() instanceof SipURI uri && uri.getUser() != null
                && uri.getUser().startsWith(MsmlSession.USER_PREFIX)) {
            return msmlInvite(request, uri);
        }
        checkRequire(request);
        SiprecBody body = SiprecBody.of(request);
        if (!body.isComplete()) {
            throw new Refusal(Response.UNSUPPORTED_MEDIA_TYPE,
                    "A SIPREC INVITE needs multipart/mixed with application/sdp and application/rs-metadata+xml");
        }
        String callId = newCallId(request);
        RecordingFile.Sip sip = new RecordingFile.Sip(request.getRequestURI().toString(),
                value(request.getHeader("From")), callId, RecordingFile.Sip.lines(body.sdp()));
        DemoSession.Started started = DemoSession.start(folder, host, sip, body);
        sessions.put(callId, started.session());
        LOG.info("Demo recorder: recording {} started ({}), writing {}", started.session().name(),
                started.answer().paused() ? "paused" : "recording", started.session().file());
        Response ok = withAnswer(messages.createResponse(Response.OK, request), started.answer());
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(Utils.getInstance().generateTag());
        return capabilities(ok);
    }

    /**
     * An MSML INVITE (RFC 5707, Genesys style): {@code sip:msml=<conf-id>@host;dn=<DN>;record} with
     * an SDP offer. Our To-tag names the connection the INFOs then address ({@code conn:<tag>}).
     */
    private Response msmlInvite(Request request, SipURI uri) throws Refusal, ParseException {
        checkSupported(request);
        String sdp = SiprecBody.of(request).sdp();
        if (sdp == null) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "An MSML INVITE to the demo recorder needs an SDP offer");
        }
        String callId = newCallId(request);
        String toTag = Utils.getInstance().generateTag();
        RecordingFile.Sip sip = new RecordingFile.Sip(request.getRequestURI().toString(),
                value(request.getHeader("From")), callId, RecordingFile.Sip.lines(sdp));
        MsmlSession.Started started = MsmlSession.start(folder, host, sip,
                decode(uri.getUser().substring(MsmlSession.USER_PREFIX.length())),
                uri.getParameter("dn") == null ? null : decode(uri.getParameter("dn")), toTag, sdp);
        sessions.put(callId, started.session());
        LOG.info("Demo recorder: MSML connection conn:{} for recording {} opened, writing {}", toTag,
                started.session().name(), started.session().file());
        Response ok = withAnswer(messages.createResponse(Response.OK, request), started.answer(), false);
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(toTag);
        return capabilities(ok);
    }

    /** An INFO in an MSML session: always 200, with the MSML result of its request. */
    private Response msmlInfo(MsmlSession session, Request request) throws Refusal, ParseException {
        byte[] raw = request.getRawContent();
        MsmlSession.Result result = session.info(raw == null ? null : new String(raw, StandardCharsets.UTF_8));
        LOG.info("Demo recorder: recording {} MSML INFO, result {}{}, now {}", session.name(), result.code(),
                result.description() == null ? "" : " (" + result.description() + ")",
                session.current().state().wireName());
        Response ok = messages.createResponse(Response.OK, request);
        String[] type = MSML_TYPE.split("/");
        ok.setContent(MsmlBodies.result(result.code(), result.description()),
                headers.createContentTypeHeader(type[0], type[1]));
        return ok;
    }

    /** A re-INVITE or UPDATE in an MSML session: SDP only (MSML says what is recorded). */
    private Response msmlOffer(MsmlSession session, Request request) throws Refusal, ParseException {
        String sdp = SiprecBody.of(request).sdp();
        Response ok = messages.createResponse(Response.OK, request);
        if (sdp != null) {
            return withAnswer(ok, session.offer(sdp), false);
        }
        if (Request.INVITE.equals(request.getMethod())) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "A re-INVITE to the demo recorder needs an SDP offer");
        }
        return withContact(ok, false);
    }

    /** The Call-ID of an initial INVITE, which no live session may use already. */
    private String newCallId(Request request) throws Refusal {
        String callId = callId(request);
        if (sessions.containsKey(callId)) {
            throw new Refusal(Response.BAD_REQUEST, "Call-ID already used by a recording session");
        }
        return callId;
    }

    /** {@code Require} must name {@code siprec} (RFC 7866 §6.1.1), and nothing this recorder does not support. */
    private void checkRequire(Request request) throws Refusal {
        if (checkSupported(request).isEmpty()) {
            throw new Refusal(Response.EXTENSION_REQUIRED, "Not a SIPREC request: Require: siprec is missing");
        }
    }

    /**
     * {@code Require} may name {@code siprec} and nothing else (420 otherwise).
     *
     * @return the option tags it names, lower case
     */
    private List<String> checkSupported(Request request) throws Refusal {
        List<String> tags = new ArrayList<>();
        ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
        while (require.hasNext()) {
            tags.add(((RequireHeader) require.next()).getOptionTag().toLowerCase(Locale.ROOT));
        }
        List<String> unsupported = tags.stream().filter(tag -> !OPTION_TAG.equals(tag)).toList();
        if (!unsupported.isEmpty()) {
            throw new Refusal(Response.BAD_EXTENSION, "Bad Extension: " + String.join(", ", unsupported));
        }
        return tags;
    }

    private Response reinvite(DemoSession session, Request request) throws Refusal, ParseException {
        SiprecBody body = SiprecBody.of(request);
        if (body.sdp() == null) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "A re-INVITE to the demo recorder needs an SDP offer");
        }
        SdpAnswer answer = session.change(body, "re-INVITE");
        LOG.info("Demo recorder: recording {} re-INVITE, now {}", session.name(), session.current().state().wireName());
        return withAnswer(messages.createResponse(Response.OK, request), answer);
    }

    private Response update(DemoSession session, Request request) throws Refusal, ParseException {
        SdpAnswer answer = session.change(SiprecBody.of(request), Request.UPDATE);
        LOG.info("Demo recorder: recording {} UPDATE, now {}", session.name(), session.current().state().wireName());
        Response ok = messages.createResponse(Response.OK, request);
        return answer == null ? withContact(ok) : withAnswer(ok, answer);
    }

    /** INFO carries nothing SIPREC uses (MSML sessions have their own): it is logged. */
    private Response info(DemoSession session, Request request) throws ParseException {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        LOG.info("Demo recorder: recording {} INFO ({}, {} bytes)", session.name(),
                type == null ? "no body" : type.getContentType() + "/" + type.getContentSubType(),
                request.getContentLength() == null ? 0 : request.getContentLength().getContentLength());
        return messages.createResponse(Response.OK, request);
    }

    private Response bye(RecorderSession session, Request request) throws ParseException {
        sessions.remove(callId(request), session);
        stop(session, Request.BYE);
        return messages.createResponse(Response.OK, request);
    }

    /** Marks every live session stopped (the recorder is going away); sends nothing. */
    void stopAll(String cause) {
        sessions.values().forEach(session -> stop(session, cause));
        sessions.clear();
    }

    private void stop(RecorderSession session, String cause) {
        try {
            session.stop(cause);
            LOG.info("Demo recorder: recording {} stopped ({})", session.name(), cause);
        } catch (IOException e) {
            LOG.warn("Demo recorder: recording {} stopped ({}), but {} could not be written: {}", session.name(), cause,
                    session.file(), e.toString());
        }
    }

    private Response withAnswer(Response ok, SdpAnswer answer) throws ParseException {
        return withAnswer(ok, answer, true);
    }

    private Response withAnswer(Response ok, SdpAnswer answer, boolean srs) throws ParseException {
        ok.setContent(answer.text(), headers.createContentTypeHeader("application", "sdp"));
        return withContact(ok, srs);
    }

    private Response withContact(Response response) throws ParseException {
        return withContact(response, true);
    }

    /**
     * Our Contact, {@code <sip:recorder@host:port[;transport=tcp]>}, with {@code ;+sip.srs} as a
     * SIPREC recorder (RFC 7866 §6.2), without as an MSML media server.
     */
    private Response withContact(Response response, boolean srs) throws ParseException {
        SipURI uri = addresses.createSipURI(USER, host);
        uri.setPort(port);
        if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport);
        }
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(uri));
        if (srs) {
            contact.setParameter(SRS_FEATURE_TAG, null);
        }
        response.setHeader(contact);
        return response;
    }

    /** Allow and Accept: what this recorder takes (for OPTIONS, 405 and the INVITE's 200). */
    private Response capabilities(Response response) throws ParseException {
        for (String method : ALLOW) {
            response.addHeader(headers.createAllowHeader(method));
        }
        for (String type : ACCEPT) {
            String[] parts = type.split("/");
            response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
        }
        return response;
    }

    private Response refuse(Request request, Refusal refusal) throws ParseException {
        Response response = messages.createResponse(refusal.status(), request);
        response.setReasonPhrase(refusal.getMessage());
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(Utils.getInstance().generateTag());
        }
        switch (refusal.status()) {
            case Response.EXTENSION_REQUIRED -> response.setHeader(headers.createRequireHeader(OPTION_TAG));
            case Response.BAD_EXTENSION -> unsupportedTags(request, response);
            case Response.UNSUPPORTED_MEDIA_TYPE -> capabilities(response);
            default -> { }
        }
        return response;
    }

    /** RFC 3261 §8.2.2.3: a 420 lists the option tags it does not support. */
    private void unsupportedTags(Request request, Response response) throws ParseException {
        ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
        while (require.hasNext()) {
            String tag = ((RequireHeader) require.next()).getOptionTag();
            if (!OPTION_TAG.equalsIgnoreCase(tag)) {
                response.addHeader(headers.createUnsupportedHeader(tag));
            }
        }
    }

    /** A Request-URI user or parameter value, percent-decoded (RFC 3261 §19.1.2). */
    private static String decode(String escaped) {
        return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** A header's value as it was on the wire, without its name. */
    private static String value(Header header) {
        String text = header.toString();
        return text.substring(text.indexOf(':') + 1).trim();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // the demo recorder sends no requests
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.debug("SIP transaction timeout: {}", event.getTimeout());
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warn("Demo recorder: SIP transport error with {}:{} over {}", event.getHost(), event.getPort(),
                event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing is kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // After a BYE the session is gone already; a dialog the stack ends on its own (the 200 was
        // never ACKed) ends its session too, so no file says "recording" for ever.
        RecorderSession session = sessions.remove(event.getDialog().getCallId().getCallId());
        if (session != null) {
            stop(session, "SIP dialog ended without BYE");
        }
    }
}
