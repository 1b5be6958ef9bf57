package org.recgate.recording;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GSIP_REC_FN from a template (docs/recording.md §2). The default
 * {@code {callUuid}_{dn}_{ani}_{dnis}_{date}_{time}_{host}} follows the shape of Genesys'
 * published examples ({@code <CallUUID>_<DN>_<ANI>_<DNIS>_<YYYY-MM-DD>_<HH-MM-SS>_<host>}).
 * Other placeholders: {@code {connectionId}}, {@code {id}}.
 * <p>
 * A missing value (no call UUID, ANI or DNIS) leaves no empty part: it goes with the separator
 * ({@code _}, {@code -}, {@code .} between placeholders) that would have stood before it, or after
 * it when it comes first, so {@code {callUuid}_{dn}_{ani}_{dnis}_{date}} without UUID, ANI and DNIS
 * is {@code 1001_2026-12-02}, not {@code _1001___2026-12-02}.
 * <p>
 * The values come from the switch feed and from clients, and the name ends up in paths on the
 * recorders: each value is kept to {@code [A-Za-z0-9._-]}, every other character replaced by
 * {@code _}, so no value can add a directory ({@code UUID_../../x} becomes {@code UUID_.._.._x};
 * docs/security.md, "File names"). The template's own text is the operator's and is kept as written.
 */
public final class FileNameTemplate {

    public static final String DEFAULT = "{callUuid}_{dn}_{ani}_{dnis}_{date}_{time}_{host}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern SEPARATOR = Pattern.compile("[_.-]+");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH-mm-ss");

    private final String template;
    private final String host;
    private final ZoneId zone;

    public FileNameTemplate(String template, String host, ZoneId zone) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!java.util.Set.of("callUuid", "dn", "ani", "dnis", "date", "time", "host", "connectionId", "id")
                    .contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1) + "} in the file-name template");
            }
        }
        this.template = template;
        this.host = host;
        this.zone = zone;
    }

    public String fileName(Recording recording, String callUuid, String ani, String dnis) {
        ZonedDateTime at = recording.requestedAt().atZone(zone);
        Map<String, String> values = new java.util.HashMap<>();
        values.put("callUuid", callUuid);
        values.put("dn", recording.recordedDn());
        values.put("ani", ani);
        values.put("dnis", dnis);
        values.put("date", DATE.format(at));
        values.put("time", TIME.format(at));
        values.put("host", host);
        values.put("connectionId", recording.connectionId());
        values.put("id", recording.id());
        StringBuilder name = new StringBuilder();
        String separator = null; // the separator text waiting for the next part
        boolean skipped = false; // a missing value since the last part written
        Matcher matcher = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        while (true) {
            boolean placeholder = matcher.find();
            String literal = template.substring(literalStart, placeholder ? matcher.start() : template.length());
            if (SEPARATOR.matcher(literal).matches()) {
                separator = separator == null ? literal : separator;
            } else if (!literal.isEmpty()) {
                // text of the template's own: written, without the separator of a value that is missing
                name.append(separator != null && !skipped ? separator : "").append(literal);
                separator = null;
                skipped = false;
            }
            if (!placeholder) {
                break;
            }
            String value = values.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                skipped = true;
            } else {
                name.append(separator != null && (!name.isEmpty() || !skipped) ? separator : "").append(safe(value));
                separator = null;
                skipped = false;
            }
            literalStart = matcher.end();
        }
        if (separator != null && !skipped) {
            name.append(separator);
        }
        return name.toString();
    }

    /** The value with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
    static String safe(String value) {
        return UNSAFE.matcher(value).replaceAll("_");
    }
}
