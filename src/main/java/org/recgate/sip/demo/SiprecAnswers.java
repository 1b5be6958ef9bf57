package org.recgate.sip.demo;

import gov.nist.javax.sip.Utils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo recorder as a SIPREC recording server (RFC 7866): an INVITE with {@code Require:
 * siprec} and a body with SDP and metadata starts a recording session (200 with an SDP answer);
 * a re-INVITE or UPDATE is a new offer (pause, resume) and/or a metadata snapshot; an INFO is
 * logged. Anything else in an INVITE is refused (421, 420, 415, 400, 488; 500 when the file cannot
 * be written).
 */
record SiprecAnswers(RecorderResponses responses, RecorderSessions sessions, RecordingFolder folder, String host) {

    private static final Logger LOG = LoggerFactory.getLogger(SiprecAnswers.class);

    Response invite(Request request) throws Refusal, ParseException {
        checkRequire(request);
        SiprecBody body = SiprecBody.of(request);
        if (!body.isComplete()) {
            throw new Refusal(Response.UNSUPPORTED_MEDIA_TYPE,
                    "A SIPREC INVITE needs multipart/mixed with application/sdp and application/rs-metadata+xml");
        }
        String callId = sessions.newCallId(request);
        RecordingFile.Sip sip = new RecordingFile.Sip(request.getRequestURI().toString(),
                value(request.getHeader("From")), callId, RecordingFile.Sip.lines(body.sdp()));
        DemoSession.Started started = DemoSession.start(folder, host, sip, body);
        sessions.add(callId, started.session());
        LOG.info("Demo recorder: recording {} started ({}), writing {}", started.session().name(),
                started.answer().paused() ? "paused" : "recording", started.session().file());
        Response ok = responses.withAnswer(responses.create(Response.OK, request), started.answer());
        return responses.capabilities(RecorderResponses.tagged(ok, Utils.getInstance().generateTag()));
    }

    /** {@code Require} must name {@code siprec} (RFC 7866 §6.1.1), and nothing this recorder does not support. */
    private static void checkRequire(Request request) throws Refusal {
        if (checkSupported(request).isEmpty()) {
            throw new Refusal(Response.EXTENSION_REQUIRED, "Not a SIPREC request: Require: siprec is missing");
        }
    }

    /**
     * {@code Require} may name {@code siprec} and nothing else (420 otherwise, RFC 3261 §8.2.2.3).
     *
     * @return the option tags it names, lower case
     */
    static List<String> checkSupported(Request request) throws Refusal {
        List<String> tags = new ArrayList<>();
        ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
        while (require.hasNext()) {
            tags.add(((RequireHeader) require.next()).getOptionTag().toLowerCase(Locale.ROOT));
        }
        List<String> unsupported = tags.stream().filter(tag -> !RecorderResponses.OPTION_TAG.equals(tag)).toList();
        if (!unsupported.isEmpty()) {
            throw new Refusal(Response.BAD_EXTENSION, "Bad Extension: " + String.join(", ", unsupported));
        }
        return tags;
    }

    Response reinvite(DemoSession session, Request request) throws Refusal, ParseException {
        SiprecBody body = SiprecBody.of(request);
        if (body.sdp() == null) {
            throw new Refusal(Response.NOT_ACCEPTABLE_HERE, "A re-INVITE to the demo recorder needs an SDP offer");
        }
        SdpAnswer answer = session.change(body, "re-INVITE");
        LOG.info("Demo recorder: recording {} re-INVITE, now {}", session.name(), session.current().state().wireName());
        return responses.withAnswer(responses.create(Response.OK, request), answer);
    }

    Response update(DemoSession session, Request request) throws Refusal, ParseException {
        SdpAnswer answer = session.change(SiprecBody.of(request), Request.UPDATE);
        LOG.info("Demo recorder: recording {} UPDATE, now {}", session.name(), session.current().state().wireName());
        Response ok = responses.create(Response.OK, request);
        return answer == null ? responses.withContact(ok) : responses.withAnswer(ok, answer);
    }

    /** INFO carries nothing SIPREC uses (MSML sessions have their own): it is logged. */
    Response info(DemoSession session, Request request) throws ParseException {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        LOG.info("Demo recorder: recording {} INFO ({}, {} bytes)", session.name(),
                type == null ? "no body" : type.getContentType() + "/" + type.getContentSubType(),
                request.getContentLength() == null ? 0 : request.getContentLength().getContentLength());
        return responses.create(Response.OK, request);
    }

    /** A header's value as it was on the wire, without its name. */
    static String value(Header header) {
        String text = header.toString();
        return text.substring(text.indexOf(':') + 1).trim();
    }
}
