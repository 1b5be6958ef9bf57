package org.recgate.sip.demo;

import gov.nist.javax.sip.Utils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.msml.MsmlBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo recorder as an MSML media server (RFC 5707, Genesys style): an INVITE to
 * {@code sip:msml=<recording id>@host;dn=<DN>;record} with an SDP offer opens a connection (200
 * with an SDP answer; no {@code Require: siprec} needed). Each INFO in it carries an MSML request,
 * answered 200 with an MSML {@code <result>}; a re-INVITE or UPDATE only renegotiates SDP.
 */
record MsmlAnswers(RecorderResponses responses, RecorderSessions sessions, RecordingFolder folder, String host) {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlAnswers.class);

    /** An INVITE whose Request-URI user part is {@code msml=<conf-id>}. */
    static boolean isMsml(Request invite) {
        return invite.getRequestURI() instanceof SipURI uri && uri.getUser() != null
                && uri.getUser().startsWith(MsmlSession.USER_PREFIX);
    }

    /**
     * An MSML INVITE: {@code sip:msml=<conf-id>@host;dn=<DN>;record} with an SDP offer. Our To-tag
     * names the connection the INFOs then address ({@code conn:<tag>}, RFC 5707 §6.2).
     */
    Response invite(Request request) throws Refusal, ParseException {
        SipURI uri = (SipURI) request.getRequestURI();
        SiprecAnswers.checkSupported(request);
        String sdp = SiprecBody.of(request).sdp();
        if (sdp == null) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "An MSML INVITE to the demo recorder needs an SDP offer");
        }
        String callId = sessions.newCallId(request);
        String toTag = Utils.getInstance().generateTag();
        RecordingFile.Sip sip = new RecordingFile.Sip(request.getRequestURI().toString(),
                SiprecAnswers.value(request.getHeader("From")), callId, RecordingFile.Sip.lines(sdp));
        MsmlSession.Started started = MsmlSession.start(folder, host, sip,
                decode(uri.getUser().substring(MsmlSession.USER_PREFIX.length())),
                uri.getParameter("dn") == null ? null : decode(uri.getParameter("dn")), toTag, sdp);
        sessions.add(callId, started.session());
        LOG.info("Demo recorder: MSML connection conn:{} for recording {} opened, writing {}", toTag,
                started.session().name(), started.session().file());
        Response ok = responses.withAnswer(responses.create(Response.OK, request), started.answer(), false);
        return responses.capabilities(RecorderResponses.tagged(ok, toTag));
    }

    /** An INFO in an MSML session: always 200, with the MSML result of its request. */
    Response info(MsmlSession session, Request request) throws Refusal, ParseException {
        byte[] raw = request.getRawContent();
        MsmlSession.Result result = session.info(raw == null ? null : new String(raw, StandardCharsets.UTF_8));
        LOG.info("Demo recorder: recording {} MSML INFO, result {}{}, now {}", session.name(), result.code(),
                result.description() == null ? "" : " (" + result.description() + ")",
                session.current().state().wireName());
        Response ok = responses.create(Response.OK, request);
        String[] type = RecorderResponses.MSML_TYPE.split("/");
        ok.setContent(MsmlBodies.result(result.code(), result.description()),
                responses.headers().createContentTypeHeader(type[0], type[1]));
        return ok;
    }

    /** A re-INVITE or UPDATE in an MSML session: SDP only (MSML says what is recorded). */
    Response offer(MsmlSession session, Request request) throws Refusal, ParseException {
        String sdp = SiprecBody.of(request).sdp();
        Response ok = responses.create(Response.OK, request);
        if (sdp != null) {
            return responses.withAnswer(ok, session.offer(sdp), false);
        }
        if (Request.INVITE.equals(request.getMethod())) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "A re-INVITE to the demo recorder needs an SDP offer");
        }
        return responses.withContact(ok, false);
    }

    /** A Request-URI user or parameter value, percent-decoded (RFC 3261 §19.1.2). */
    private static String decode(String escaped) {
        return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
