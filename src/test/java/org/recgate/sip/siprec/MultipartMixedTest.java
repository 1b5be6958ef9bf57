package org.recgate.sip.siprec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MultipartMixedTest {

    @Test
    void rendersEachPartWithItsHeadersAndClosesTheBody() {
        String body = MultipartMixed.render("b1", List.of(
                new MultipartMixed.Part("application/sdp", null, "v=0\r\n"),
                new MultipartMixed.Part("application/rs-metadata+xml", "recording-session", "<recording/>")));
        assertEquals("--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n"
                + "--b1\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n"
                + "<recording/>\r\n--b1--\r\n", body);
    }

    @Test
    void findsAPartByContentTypeWhateverTheLineEnds() {
        String body = MultipartMixed.render("b2", List.of(
                new MultipartMixed.Part("application/rs-metadata+xml", "recording-session", "<recording/>"),
                new MultipartMixed.Part("application/sdp", null, "v=0\r\nm=audio 9 RTP/AVP 0\r\n")));
        assertEquals(Optional.of("v=0\r\nm=audio 9 RTP/AVP 0\r\n"), MultipartMixed.find(body, "b2", "application/sdp"));
        assertEquals(Optional.of("<recording/>"), MultipartMixed.find(body, "b2", "APPLICATION/RS-METADATA+XML"));
        assertEquals(Optional.of("v=0\n"), MultipartMixed.find(
                "--x\nContent-Type: application/sdp; charset=utf-8\n\nv=0\n\n--x--\n", "x", "application/sdp"));
        assertEquals(Optional.empty(), MultipartMixed.find(body, "b2", "text/plain"));
    }

    @Test
    void boundariesAreFreshTokens() {
        String boundary = MultipartMixed.newBoundary();
        assertTrue(boundary.matches("recgate-[0-9a-f]{16}"), boundary);
        assertTrue(!boundary.equals(MultipartMixed.newBoundary()));
    }
}
