package org.recgate.sip.demo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

/**
 * The parts of a SIPREC message body (RFC 7866 §9.1) that the demo recorder uses: the SDP and the
 * recording metadata. A body is either one of them alone ({@code application/sdp},
 * {@code application/rs-metadata+xml}) or a {@code multipart/mixed} holding both. Both metadata
 * types are accepted: RFC 7866 writes {@code application/rs-metadata}, recorders in the field
 * send {@code application/rs-metadata+xml}.
 *
 * @param sdp      the SDP text, or null
 * @param metadata the metadata XML text, or null
 */
record SiprecBody(String sdp, String metadata) {

    private static final String SDP = "application/sdp";
    private static final String METADATA = "application/rs-metadata";
    private static final String METADATA_XML = "application/rs-metadata+xml";

    /** The SDP and metadata of a request; both null when it has no body or one of another type. */
    static SiprecBody of(Message message) {
        byte[] raw = message.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (raw == null || raw.length == 0 || type == null) {
            return new SiprecBody(null, null);
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String mediaType = (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
        if ("multipart/mixed".equals(mediaType) && type.getParameter("boundary") != null) {
            return multipart(body, unquote(type.getParameter("boundary")));
        }
        return part(mediaType, body);
    }

    /** Both an SDP and metadata: what an initial SIPREC INVITE must carry. */
    boolean isComplete() {
        return sdp != null && metadata != null;
    }

    private static SiprecBody part(String mediaType, String content) {
        if (SDP.equals(mediaType)) {
            return new SiprecBody(content, null);
        }
        return METADATA.equals(mediaType) || METADATA_XML.equals(mediaType)
                ? new SiprecBody(null, content) : new SiprecBody(null, null);
    }

    /** RFC 2046 §5.1.1: parts between {@code --boundary} lines, the last one followed by {@code --}. */
    private static SiprecBody multipart(String body, String boundary) {
        String sdp = null;
        String metadata = null;
        String[] sections = body.split("(?:^|\r?\n)--" + Pattern.quote(boundary), -1);
        for (int i = 1; i < sections.length && !sections[i].startsWith("--"); i++) {
            String section = sections[i].replaceFirst("^[ \t]*\r?\n", "");
            String separator = section.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n";
            int headersEnd = section.startsWith("\r\n") || section.startsWith("\n") ? 0 : section.indexOf(separator);
            if (headersEnd < 0) {
                continue;
            }
            String headers = section.substring(0, headersEnd);
            String content = section.substring(headersEnd).replaceFirst("^(?:\r?\n){1,2}", "");
            SiprecBody found = part(contentType(headers), content);
            sdp = sdp == null ? found.sdp() : sdp;
            metadata = metadata == null ? found.metadata() : metadata;
        }
        return new SiprecBody(sdp, metadata);
    }

    private static String contentType(String headers) {
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                return line.substring(colon + 1).split(";")[0].trim().toLowerCase(Locale.ROOT);
            }
        }
        return "text/plain"; // RFC 2046 §5.1: a part without Content-Type is text/plain
    }

    private static String unquote(String value) {
        return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
