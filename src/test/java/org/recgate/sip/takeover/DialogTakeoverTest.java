package org.recgate.sip.takeover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recgate.sip.takeover.TakeoverRequestsTest.contact;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/**
 * What the answers to a takeover re-INVITE mean: 481, 408 and no answer end the dialog (RFC 3261
 * §12.2.1.2); any other final answer leaves it to the old owner's target (§14.1). The 2xx path
 * runs against sipp in {@link DialogTakeoverIT}.
 */
class DialogTakeoverTest {

    private static final List<String> ROUTES = List.of("<sip:p1.example.com;lr>");

    @Test
    void answersThatEndTheDialogReportItGoneOthersRefused() throws Exception {
        StoredDialog stored = StoredDialogTest.stored(2, ROUTES);
        DialogTakeover takeover = new DialogTakeover(contact(5099));
        Request reInvite = new TakeoverRequests(contact(5099)).reInvite(stored);
        MessageFactoryImpl messages = new MessageFactoryImpl();

        for (int gone : List.of(481, 408)) {
            TakeoverOutcome outcome = takeover.answered(stored, messages.createResponse(gone, reInvite), null);
            assertEquals(TakeoverOutcome.Kind.GONE, outcome.kind(), "status " + gone);
            assertEquals(gone, outcome.status());
            assertEquals(stored, outcome.dialog());
        }
        for (int refused : List.of(491, 500, 488, 403)) {
            TakeoverOutcome outcome = takeover.answered(stored, messages.createResponse(refused, reInvite), null);
            assertEquals(TakeoverOutcome.Kind.REFUSED, outcome.kind(), "status " + refused);
            assertEquals(refused, outcome.status());
        }
        Response ok = messages.createResponse(Response.OK, reInvite);
        TakeoverOutcome noDialog = takeover.answered(stored, ok, null);
        assertEquals(TakeoverOutcome.Kind.REFUSED, noDialog.kind());
        assertTrue(noDialog.detail().contains("automatic dialog support"), noDialog.detail());

        TakeoverOutcome silent = takeover.noAnswer(stored, "no final answer (SIP transaction timeout)");
        assertEquals(TakeoverOutcome.Kind.GONE, silent.kind());
        assertNull(silent.status());
        assertEquals("no final answer (SIP transaction timeout)", silent.describe());
    }

}
