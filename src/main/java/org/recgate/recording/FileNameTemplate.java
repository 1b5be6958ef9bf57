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
 * published examples ({@code <CallUUID>_<DN>_<ANI>_<DNIS>_<YYYY-MM-DD>_<HH-MM-SS>_<host>});
 * missing values are left empty. Other placeholders: {@code {connectionId}}, {@code {id}}.
 * <p>
 * The values come from the switch feed and from clients, and the name ends up in paths on the
 * recorders: each value is kept to {@code [A-Za-z0-9._-]}, every other character replaced by
 * {@code _}, so no value can add a directory ({@code UUID_../../x} becomes {@code UUID_.._.._x};
 * docs/security.md, "File names"). The template's own text is the operator's and is kept as written.
 */
public final class FileNameTemplate {

    public static final String DEFAULT = "{callUuid}_{dn}_{ani}_{dnis}_{date}_{time}_{host}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
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
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(name, Matcher.quoteReplacement(value == null ? "" : safe(value)));
        }
        matcher.appendTail(name);
        return name.toString();
    }

    /** The value with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}. */
    static String safe(String value) {
        return UNSAFE.matcher(value).replaceAll("_");
    }
}
