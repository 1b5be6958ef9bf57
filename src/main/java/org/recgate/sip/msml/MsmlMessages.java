package org.recgate.sip.msml;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.Dialect;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The SIP messages of an MSML recording dialog, as the gateway (the application server) sends
 * them: an INVITE to {@code sip:msml=<conf-id>@<media server>;dn=<DN>;record} with the SDP offer,
 * then MSML in INFO within that dialog (Content-Type configurable), then BYE. No SIPREC headers.
 */
final class MsmlMessages {

    private static final String SDP = "application/sdp";
    private static final List<String> ALLOW = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.UPDATE, Request.INFO);
    /** What a conf-id or DN may keep as it is in the Request-URI; everything else is percent-encoded. */
    private static final String USER_SAFE = "-_.!~*'()";
    private static final String PARAM_SAFE = "-_.!~*'()[]/:&+$";

    private final SipUserAgent userAgent;
    private final HeaderFactory headers;

    MsmlMessages(SipUserAgent userAgent) {
        this.userAgent = userAgent;
        this.headers = userAgent.headers();
    }

    /**
     * The Request-URI for a recording on the media server at {@code mediaServer}: its user part
     * becomes {@code msml=<conf-id>}, then {@code ;dn=<DN>;record}, then the URI's own parameters
     * but {@code dialect}.
     */
    SipURI requestUri(String mediaServer, String confId, String dn) throws ParseException {
        SipURI uri = userAgent.parseSipUri(mediaServer);
        uri.removeParameter(Dialect.URI_PARAMETER);
        Map<String, String> own = new LinkedHashMap<>();
        for (Iterator<?> names = uri.getParameterNames(); names.hasNext(); ) {
            String name = (String) names.next();
            own.put(name, uri.getParameter(name));
        }
        own.keySet().forEach(uri::removeParameter);
        uri.setUser("msml=" + escape(confId, USER_SAFE));
        if (dn != null && !dn.isBlank()) {
            uri.setParameter("dn", escape(dn, PARAM_SAFE));
        }
        uri.setParameter("record", null);
        for (Map.Entry<String, String> parameter : own.entrySet()) {
            uri.setParameter(parameter.getKey(), parameter.getValue() == null || parameter.getValue().isEmpty()
                    ? null : parameter.getValue());
        }
        return uri;
    }

    /** The INVITE that opens the dialog, with the SDP offer. */
    Request invite(SipURI target, MsmlSettings settings, String sdp) throws ParseException {
        Request invite = userAgent.newRequest(Request.INVITE, target, userAgent.address(settings.fromUser(), settings.domain()));
        invite.setHeader(userAgent.contact(settings.fromUser()));
        allow(invite);
        invite.setContent(sdp, contentType(SDP));
        return invite;
    }

    /**
     * The takeover re-INVITE of a restored dialog (docs/durable-state.md §7: a re-INVITE, since
     * INFO refreshes no target), with the Allow of every INVITE of ours.
     */
    Request takeover(Request reInvite) throws ParseException {
        allow(reInvite);
        return reInvite;
    }

    /** An INFO in the dialog carrying one MSML body. */
    Request info(Dialog dialog, MsmlSettings settings, String msml) throws SipException, ParseException {
        Request info = dialog.createRequest(Request.INFO);
        info.setContent(msml, contentType(settings.contentType()));
        return info;
    }

    /**
     * Sends one MSML body in an INFO of the dialog (after the dialog's previous request, see
     * {@link SipUserAgent#sendInDialog}); one that cannot be built is an outcome, NOT_SENT.
     */
    CompletableFuture<SipOutcome> sendInfo(RecorderDialog<MsmlConnection> recorderDialog, String msml) {
        MsmlSettings settings = recorderDialog.session().settings();
        Request info;
        try {
            info = info(recorderDialog.dialog(), settings, msml);
        } catch (SipException | ParseException | RuntimeException e) {
            return CompletableFuture.completedFuture(SipOutcome.notSent("could not build the INFO: " + e.getMessage()));
        }
        return userAgent.sendInDialog(recorderDialog.dialog(), info, settings.timeoutMs());
    }

    /** 200 OK to a request from the media server; with our SDP when it is a re-INVITE or offers SDP. */
    Response ok(Request request, MsmlSettings settings, String sdp) throws ParseException {
        Response ok = userAgent.response(Response.OK, request);
        ok.setHeader(userAgent.contact(settings.fromUser()));
        if (sdp != null) {
            ok.setContent(sdp, contentType(SDP));
        }
        return ok;
    }

    private void allow(Request request) throws ParseException {
        for (String method : ALLOW) {
            request.addHeader(headers.createAllowHeader(method));
        }
    }

    private ContentTypeHeader contentType(String type) throws ParseException {
        String[] parts = type.split("/", 2);
        return headers.createContentTypeHeader(parts[0].trim(), parts[1].trim());
    }

    /** The media server's To-tag, which names the connection in MSML ({@code conn:<tag>}, RFC 5707 §6.2). */
    static String toTag(Response response) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        return to == null ? null : to.getTag();
    }

    static boolean hasSdp(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType()) && textOf(message) != null;
    }

    /** The body as text, or null when there is none. */
    static String textOf(Message message) {
        if (message == null) {
            return null;
        }
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    static String escape(String value, String safe) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && safe.indexOf(c) >= 0)) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return escaped.toString();
    }
}
