package org.recgate.sip.siprec;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A {@code multipart/mixed} body (RFC 2046 §5.1.1) as SIPREC uses it: an SDP part and a metadata
 * part (RFC 7866 §9.1). CRLF line ends, no preamble, the closing delimiter last.
 */
final class MultipartMixed {

    /** One body part: its Content-Type, its Content-Disposition (or null), its text. */
    record Part(String contentType, String disposition, String body) {
    }

    private static final String CRLF = "\r\n";

    private MultipartMixed() {
    }

    /** A boundary that cannot occur in our SDP or XML. */
    static String newBoundary() {
        // unique, not secret (RFC 2046 §5.1.1): each thread's own generator, no shared lock
        return "recgate-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static String render(String boundary, List<Part> parts) {
        StringBuilder body = new StringBuilder();
        for (Part part : parts) {
            body.append("--").append(boundary).append(CRLF)
                    .append("Content-Type: ").append(part.contentType()).append(CRLF);
            if (part.disposition() != null) {
                body.append("Content-Disposition: ").append(part.disposition()).append(CRLF);
            }
            // The line end before each delimiter belongs to the delimiter (RFC 2046), so an SDP
            // part keeps its own final CRLF.
            body.append(CRLF).append(part.body()).append(CRLF);
        }
        return body.append("--").append(boundary).append("--").append(CRLF).toString();
    }

    /** The text of the first part whose Content-Type is {@code type} (parameters ignored). */
    static Optional<String> find(String body, String boundary, String type) {
        String[] sections = body.split(Pattern.quote("--" + boundary), -1);
        for (int i = 1; i < sections.length && !sections[i].startsWith("--"); i++) {
            String section = sections[i];
            String separator = section.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n";
            int headersEnd = section.indexOf(separator);
            if (headersEnd >= 0 && type.equalsIgnoreCase(contentType(section.substring(0, headersEnd)))) {
                return Optional.of(withoutDelimiterLineEnd(section.substring(headersEnd + separator.length())));
            }
        }
        return Optional.empty();
    }

    /** The line end before the next delimiter belongs to the delimiter, not to the part (RFC 2046). */
    private static String withoutDelimiterLineEnd(String content) {
        if (content.endsWith("\r\n")) {
            return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    }

    private static String contentType(String headers) {
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Type")) {
                return line.substring(colon + 1).split(";")[0].trim().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}
