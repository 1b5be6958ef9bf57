package org.recgate.sip.takeover;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * Builds, from a {@link StoredDialog} alone, the target-refresh re-INVITE with which a new
 * process takes a dialog over: no JAIN-SIP {@code Dialog} needed, since the stack cannot rebuild
 * one from stored fields. Per RFC 3261 §12.2.1.1 the request is in the dialog: Request-URI = the
 * remote target, Route = the route set, From with our tag, To with the recorder's tag, the
 * Call-ID; its Contact is this process's listening point, so the recorder sends what follows here
 * (§12.2.2, target refresh). Its CSeq jumps {@link #CSEQ_JUMP} above the stored one, and the offer is the
 * stored one with its {@code o=} version one higher (RFC 3264 §8); docs/durable-state.md §3 says why.
 */
public final class TakeoverRequests {

    /**
     * How far the takeover's CSeq is above the stored one. Requests the old owner sent after its
     * last stored state (at most a few) stay below it, and whatever a stale owner sends after the
     * takeover is lower than what the recorder last saw, so it is refused with 500 (RFC 3261 §12.2.2).
     */
    public static final long CSEQ_JUMP = 1000;

    private static final int MAX_FORWARDS = 70; // RFC 3261 §8.1.1.6

    private final ContactHeader contact;
    private final HeaderFactory headers = new HeaderFactoryImpl();
    private final AddressFactory addresses = new AddressFactoryImpl();
    private final MessageFactory messages = new MessageFactoryImpl();

    /**
     * @param contact this process's Contact (its own listening point; a dialect adds its feature
     *                tags, e.g. {@code +sip.src} for SIPREC, RFC 7866 §6.1.1)
     */
    public TakeoverRequests(ContactHeader contact) {
        this.contact = contact;
    }

    /** The CSeq the takeover re-INVITE of {@code stored} carries. */
    public static long takeoverCseq(StoredDialog stored) {
        long cseq = stored.localCseq() + CSEQ_JUMP;
        if (cseq > StoredDialog.MAX_CSEQ) {
            throw new IllegalArgumentException("the dialog's CSeq " + stored.localCseq() + " leaves no room for a takeover");
        }
        return cseq;
    }

    /** The SDP the takeover offers: the stored offer, its {@code o=} version one higher. */
    public static String takeoverOffer(StoredDialog stored) {
        return SdpOrigin.withVersion(stored.sdpOffer(), stored.sdpVersion() + 1);
    }

    /**
     * The takeover re-INVITE with the stored offer (plain {@code application/sdp}); a dialect may
     * add its own headers and replace the body (SIPREC: multipart with the metadata).
     */
    public Request reInvite(StoredDialog stored) throws ParseException {
        URI requestUri = addresses.createURI(stored.remoteTarget());
        try {
            FromHeader from = headers.createFromHeader(addresses.createAddress(stored.localUri()), stored.localTag());
            ToHeader to = headers.createToHeader(addresses.createAddress(stored.remoteUri()), stored.remoteTag());
            CSeqHeader cseq = headers.createCSeqHeader(takeoverCseq(stored), Request.INVITE);
            // no Via: the stack puts its listening point's, with a new branch (RFC 3261 §8.1.1.7)
            Request request = messages.createRequest(requestUri, Request.INVITE,
                    headers.createCallIdHeader(stored.callId()), cseq, from, to, List.of(),
                    headers.createMaxForwardsHeader(MAX_FORWARDS));
            for (String route : stored.routeSet()) {
                request.addHeader(headers.createHeader("Route", route));
            }
            request.setHeader((ContactHeader) contact.clone());
            request.setContent(takeoverOffer(stored), headers.createContentTypeHeader("application", "sdp"));
            return request;
        } catch (InvalidArgumentException e) {
            throw new ParseException("cannot build the takeover re-INVITE: " + e.getMessage(), 0);
        }
    }
}
