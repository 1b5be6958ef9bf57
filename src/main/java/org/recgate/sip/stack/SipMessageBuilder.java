package org.recgate.sip.stack;

import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the user agent's SIP messages from its listening point: what goes into Via and Contact
 * is where the stack listens, so that answers and in-dialog requests come back to it (RFC 3261
 * §8.1.1.7 Via, §8.1.1.8 Contact).
 */
final class SipMessageBuilder {

    private static final int MAX_FORWARDS = 70; // RFC 3261 §8.1.1.6

    private final String host;
    private final int port;
    private final String transport;
    private final Supplier<CallIdHeader> newCallId;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();

    /** @param newCallId a Call-ID of the running stack's, new for each dialog */
    SipMessageBuilder(String host, int port, String transport, Supplier<CallIdHeader> newCallId) {
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.newCallId = newCallId;
    }

    HeaderFactory headers() {
        return headers;
    }

    /**
     * Parses a recorder URI with the stack's parser. Only {@code sip:} and {@code sips:} URIs can
     * be called, and only ones the stack would send to their own host over this listening point's
     * transport ({@link SipTarget#problem}): whoever checked the URI before judged that host.
     */
    SipURI parseSipUri(String uri) throws ParseException {
        SipTarget target = SipTarget.parse(uri);
        Optional<String> problem = target.problem(transport);
        if (problem.isPresent()) {
            throw new ParseException("'" + uri + "' cannot be called: " + problem.get(), 0);
        }
        return (SipURI) addresses.createURI(target.uri());
    }

    /** {@code sip:user@host} (no port): for From and for metadata AORs. */
    Address address(String user, String domain) throws ParseException {
        return addresses.createAddress(addresses.createSipURI(user, domain));
    }

    /**
     * Our own Contact: {@code <sip:user@host:port[;transport=tcp]>}; over TLS
     * {@code <sips:user@host:port>}, so the recorder's requests in the dialog come over TLS too
     * (RFC 3261 §8.1.1.8, §26.2).
     */
    ContactHeader contact(String user) throws ParseException {
        SipURI uri = addresses.createSipURI(user, host);
        uri.setPort(port);
        if (SipTarget.TLS.equalsIgnoreCase(transport)) {
            uri.setSecure(true);
        } else if (!ListeningPoint.UDP.equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /**
     * A request that starts a dialog or stands alone (RFC 3261 §8.1.1): new Call-ID, CSeq 1, our
     * Via, a From tag, To without tag.
     */
    Request newRequest(String method, SipURI target, Address from) throws ParseException {
        try {
            ViaHeader via = headers.createViaHeader(host, port, transport, null);
            return messages.createRequest((URI) target.clone(), method, newCallId.get(),
                    headers.createCSeqHeader(1L, method),
                    headers.createFromHeader(from, Utils.getInstance().generateTag()),
                    headers.createToHeader(addresses.createAddress((URI) target.clone()), null),
                    List.of(via), headers.createMaxForwardsHeader(MAX_FORWARDS));
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException("bad constant header value", e);
        }
    }

    Response response(int status, Request request) throws ParseException {
        return messages.createResponse(status, request);
    }
}
