package org.recgate.sip.msml;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.RecordingSessionSpec;

/**
 * Where a media server writes one record: the {@code dest} URI of a {@code <record>}, from the
 * {@code msmlRecordDest} template. Placeholders: {@code {fileName}}, {@code {recordingId}},
 * {@code {connectionId}}, {@code {callUuid}}, {@code {dn}} (the recorded DN), {@code {record}}
 * ({@code r1} or {@code r2}), {@code {role}} ({@code primary} or {@code duplicate}) and
 * {@code {suffix}} (empty for the primary, {@code -dest2} for the duplicate, so the two records
 * of one recording never write the same file). A value is percent-encoded where a URI path
 * would not take it; a missing value is left empty. When the template ends in an extension
 * ({@code .wav}) that the file name already has (a file-name template or GSIP_REC_FN ending in
 * {@code .wav}), the file name's own is dropped: {@code x.wav} gives {@code x.wav}, not
 * {@code x.wav.wav} (and {@code x-dest2.wav} for the duplicate).
 */
public final class RecordDestination {

    public static final String DEFAULT_TEMPLATE = "file:///recordings/{fileName}{suffix}.wav";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /** A template's trailing extension: a dot and letters or digits after its last placeholder or slash. */
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]+$");
    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@%/";

    private RecordDestination() {
    }

    public static String of(String template, RecordingSessionSpec spec, DestinationRole role) {
        boolean duplicate = role == DestinationRole.DUPLICATE;
        Map<String, String> values = new java.util.HashMap<>();
        values.put("fileName", withoutExtension(spec.fileName(), template));
        values.put("recordingId", spec.recordingId());
        values.put("connectionId", spec.connectionId());
        values.put("callUuid", spec.callUuid());
        values.put("dn", spec.recordedDn());
        values.put("record", MsmlBodies.recordId(role));
        values.put("role", role.wireName());
        values.put("suffix", duplicate ? "-dest2" : "");
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder dest = new StringBuilder();
        while (matcher.find()) {
            if (!values.containsKey(matcher.group(1))) {
                throw new IllegalArgumentException("msmlRecordDest: unknown placeholder {" + matcher.group(1) + "} in "
                        + template);
            }
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(dest, Matcher.quoteReplacement(value == null ? "" : encode(value)));
        }
        matcher.appendTail(dest);
        return dest.toString();
    }

    /** The file name without its extension when the template adds the same one (ignoring case). */
    static String withoutExtension(String fileName, String template) {
        Matcher extension = EXTENSION.matcher(template);
        if (fileName == null || !extension.find()) {
            return fileName;
        }
        String ext = extension.group();
        boolean doubled = fileName.length() > ext.length()
                && fileName.regionMatches(true, fileName.length() - ext.length(), ext, 0, ext.length());
        return doubled ? fileName.substring(0, fileName.length() - ext.length()) : fileName;
    }

    /** Checks a template's placeholders. */
    public static void validate(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!java.util.Set.of("fileName", "recordingId", "connectionId", "callUuid", "dn", "record", "role", "suffix")
                    .contains(matcher.group(1))) {
                throw new IllegalArgumentException("msmlRecordDest: unknown placeholder {" + matcher.group(1) + "} in "
                        + template + " (use fileName, recordingId, connectionId, callUuid, dn, record, role, suffix)");
            }
        }
    }

    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && PATH_SAFE.indexOf(c) >= 0 && c != '/')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
