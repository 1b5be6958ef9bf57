package org.recgate.sip.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** The takeover re-INVITE: in the stored dialog (RFC 3261 §12.2.1.1), CSeq jumped, offer version + 1 (RFC 3264 §8). */
class TakeoverRequestsTest {

    private static final List<String> ROUTES = List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com:5070;transport=tcp;lr>");

    @Test
    void theReInviteIsInTheStoredDialogWithAJumpedCseqAndANewOfferVersion() throws Exception {
        StoredDialog stored = StoredDialogTest.stored(2, ROUTES);
        Request reInvite = new TakeoverRequests(contact(5099)).reInvite(stored);

        assertEquals(Request.INVITE, reInvite.getMethod());
        assertEquals("sip:srs@10.0.0.9:5060", reInvite.getRequestURI().toString(), "Request-URI = remote target");
        assertEquals(ROUTES, routes(reInvite), "Route = the route set, in order");
        assertEquals("a84b4c76e66710@gw1", ((CallIdHeader) reInvite.getHeader(CallIdHeader.NAME)).getCallId());
        FromHeader from = (FromHeader) reInvite.getHeader(FromHeader.NAME);
        assertEquals("1928301774", from.getTag());
        assertEquals("sip:recgate@example.com", from.getAddress().getURI().toString());
        ToHeader to = (ToHeader) reInvite.getHeader(ToHeader.NAME);
        assertEquals("314159", to.getTag());
        assertEquals("sip:srs@recorder.example.com", to.getAddress().getURI().toString());
        CSeqHeader cseq = (CSeqHeader) reInvite.getHeader(CSeqHeader.NAME);
        assertEquals(1002, cseq.getSeqNumber());
        assertEquals(Request.INVITE, cseq.getMethod());
        assertEquals("sip:recgate@10.1.1.1:5099", ((ContactHeader) reInvite.getHeader(ContactHeader.NAME))
                .getAddress().getURI().toString(), "Contact = the new process");
        assertNull(reInvite.getHeader("Via"), "the stack adds its own Via");
        String body = new String(reInvite.getRawContent(), StandardCharsets.UTF_8);
        assertEquals(SdpOrigin.withVersion(stored.sdpOffer(), 3), body);
        assertEquals("application/sdp", reInvite.getHeader("Content-Type").toString().split(":")[1].trim());
    }

    @Test
    void aCseqWithNoRoomForTheJumpIsRefused() {
        StoredDialog late = StoredDialogTest.stored(StoredDialog.MAX_CSEQ - 10, List.of());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new TakeoverRequests(contact(5099)).reInvite(late));
        assertTrue(refused.getMessage().contains("leaves no room for a takeover"), refused.getMessage());
    }

    static ContactHeader contact(int port) throws Exception {
        SipURI uri = new AddressFactoryImpl().createSipURI("recgate", "10.1.1.1");
        uri.setPort(port);
        return new HeaderFactoryImpl().createContactHeader(new AddressFactoryImpl().createAddress(uri));
    }

    private static List<String> routes(Request request) {
        List<String> routes = new ArrayList<>();
        for (Iterator<?> it = request.getHeaders(RouteHeader.NAME); it.hasNext(); ) {
            String text = it.next().toString().trim();
            routes.add(text.substring(text.indexOf(':') + 1).trim());
        }
        return routes;
    }
}
