package org.recgate.sip.demo;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ListeningPoint;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The demo recorder's responses: what it accepts (Allow, Accept), its Contact, SDP answers, and
 * refusals with the headers RFC 3261 asks of them.
 */
final class RecorderResponses {

    static final String USER = "recorder";
    static final String OPTION_TAG = "siprec";
    static final List<String> ALLOW = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.UPDATE, Request.INFO);
    static final String MSML_TYPE = "application/vnd.radisys.msml+xml";
    private static final String SRS_FEATURE_TAG = "+sip.srs";
    private static final List<String> ACCEPT = List.of("application/sdp", "application/rs-metadata+xml",
            "application/rs-metadata", "multipart/mixed", MSML_TYPE);

    private final String host;
    private final int port;
    private final String transport;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();

    RecorderResponses(String host, int port, String transport) {
        this.host = host;
        this.port = port;
        this.transport = transport;
    }

    HeaderFactory headers() {
        return headers;
    }

    Response create(int status, Request request) throws ParseException {
        return messages.createResponse(status, request);
    }

    /** A 200 to a dialog-creating INVITE, with our To-tag: it names the dialog (and, for MSML, the connection). */
    static Response tagged(Response ok, String toTag) throws ParseException {
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(toTag);
        return ok;
    }

    Response withAnswer(Response ok, SdpAnswer answer) throws ParseException {
        return withAnswer(ok, answer, true);
    }

    Response withAnswer(Response ok, SdpAnswer answer, boolean srs) throws ParseException {
        ok.setContent(answer.text(), headers.createContentTypeHeader("application", "sdp"));
        return withContact(ok, srs);
    }

    Response withContact(Response response) throws ParseException {
        return withContact(response, true);
    }

    /**
     * Our Contact, {@code <sip:recorder@host:port[;transport=tcp]>}, with {@code ;+sip.srs} as a
     * SIPREC recorder (RFC 7866 §6.2), without as an MSML media server.
     */
    Response withContact(Response response, boolean srs) throws ParseException {
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
    Response capabilities(Response response) throws ParseException {
        for (String method : ALLOW) {
            response.addHeader(headers.createAllowHeader(method));
        }
        for (String type : ACCEPT) {
            String[] parts = type.split("/");
            response.addHeader(headers.createAcceptHeader(parts[0], parts[1]));
        }
        return response;
    }

    /**
     * The refusal's status and reason phrase, with a To-tag; a 421 says what to require, a 420
     * which option tags are not supported, a 415 what is accepted.
     */
    Response refuse(Request request, Refusal refusal) throws ParseException {
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
}
