package org.recgate.sip.siprec;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The SIP messages of a SIPREC recording session (RFC 7866), as the recording client sends them:
 * every INVITE and UPDATE carries {@code Require: siprec} and a Contact with {@code +sip.src}
 * (§6.1.1); an offer is {@code multipart/mixed} with the SDP and a complete metadata snapshot
 * under {@code Content-Disposition: recording-session} (§9.1). Re-INVITEs (pause, resume,
 * update) carry the full body too, the way OpenSIPS does, so a recorder always has metadata
 * that matches the media.
 */
final class SiprecMessages {

    static final String OPTION_TAG = "siprec";
    static final String SRC_FEATURE_TAG = "+sip.src";
    private static final String SDP = "application/sdp";
    private static final List<String> ACCEPT = List.of(SDP, RecordingMetadata.CONTENT_TYPE, "application/rs-metadata");
    private static final List<String> ALLOW = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.UPDATE, Request.INFO);

    private final SipUserAgent userAgent;
    private final HeaderFactory headers;

    SiprecMessages(SipUserAgent userAgent) {
        this.userAgent = userAgent;
        this.headers = userAgent.headers();
    }

    /** The INVITE that starts a recording session with the recorder at {@code target}. */
    Request invite(SipURI target, SiprecSession session) throws ParseException {
        SiprecSettings settings = session.settings();
        Request invite = userAgent.newRequest(Request.INVITE, target,
                userAgent.address(settings.fromUser(), settings.domain()));
        recordingSessionHeaders(invite, session);
        offer(invite, session);
        return invite;
    }

    /** A re-INVITE with the session's new offer (pause, resume, metadata update). */
    Request reinvite(Dialog dialog, SiprecSession session) throws SipException, ParseException {
        Request reinvite = dialog.createRequest(Request.INVITE);
        recordingSessionHeaders(reinvite, session);
        offer(reinvite, session);
        return reinvite;
    }

    /**
     * The takeover re-INVITE of a restored session ({@code reInvite}: the dialog's request as
     * another process left it, docs/durable-state.md §3) as every re-INVITE of ours: these headers,
     * and the session's offer with the same metadata ids.
     */
    Request takeover(Request reInvite, SiprecSession session) throws ParseException {
        recordingSessionHeaders(reInvite, session);
        offer(reInvite, session);
        return reInvite;
    }

    /** An UPDATE with a complete metadata snapshot and no SDP, as a recorder's snapshot request wants (RFC 7866 §9.2). */
    Request snapshot(Dialog dialog, SiprecSession session) throws SipException, ParseException {
        Request update = dialog.createRequest(Request.UPDATE);
        recordingSessionHeaders(update, session);
        update.setContent(session.metadata(), contentType(RecordingMetadata.CONTENT_TYPE));
        update.setContentDisposition(headers.createContentDispositionHeader(RecordingMetadata.DISPOSITION));
        return update;
    }

    /** 200 OK to a request from the recorder; with our current SDP when it made an offer (or a re-INVITE without one). */
    Response ok(Request request, SiprecSession session, boolean withSdp) throws ParseException {
        Response ok = userAgent.response(Response.OK, request);
        ContactHeader contact = userAgent.contact(session.settings().fromUser());
        contact.setParameter(SRC_FEATURE_TAG, null);
        ok.setHeader(contact);
        if (withSdp) {
            ok.setContent(session.sdp(), contentType(SDP));
        }
        return ok;
    }

    private void recordingSessionHeaders(Request request, SiprecSession session) throws ParseException {
        request.setHeader(headers.createRequireHeader(OPTION_TAG));
        ContactHeader contact = userAgent.contact(session.settings().fromUser());
        contact.setParameter(SRC_FEATURE_TAG, null);
        request.setHeader(contact);
        for (String type : ACCEPT) {
            String[] parts = type.split("/");
            request.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
        }
        for (String method : ALLOW) {
            request.addHeader(headers.createAllowHeader(method));
        }
    }

    private void offer(Request request, SiprecSession session) throws ParseException {
        String boundary = MultipartMixed.newBoundary();
        ContentTypeHeader type = headers.createContentTypeHeader("multipart", "mixed");
        type.setParameter("boundary", boundary);
        request.setContent(MultipartMixed.render(boundary, List.of(
                new MultipartMixed.Part(SDP, null, session.sdp()),
                new MultipartMixed.Part(RecordingMetadata.CONTENT_TYPE, RecordingMetadata.DISPOSITION,
                        session.metadata()))), type);
    }

    private ContentTypeHeader contentType(String type) throws ParseException {
        String[] parts = type.split("/");
        return headers.createContentTypeHeader(parts[0], parts[1]);
    }

    /** The SDP in a message: its whole body, or the {@code application/sdp} part of a multipart body. */
    static Optional<String> sdpOf(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        String body = textOf(message);
        if (type == null || body == null) {
            return Optional.empty();
        }
        if ("application".equalsIgnoreCase(type.getContentType()) && "sdp".equalsIgnoreCase(type.getContentSubType())) {
            return Optional.of(body);
        }
        if ("multipart".equalsIgnoreCase(type.getContentType()) && type.getParameter("boundary") != null) {
            return MultipartMixed.find(body, unquote(type.getParameter("boundary")), SDP);
        }
        return Optional.empty();
    }

    /** The body as text, or null when there is none. */
    static String textOf(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
