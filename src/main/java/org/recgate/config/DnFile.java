package org.recgate.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.recgate.sip.stack.SipTarget;

/**
 * The DN file ({@code recgate.dn-file}, YAML): the client applications that may connect (secret,
 * roles, DN scope) and the DNs the gateway knows (type, full-time recording, recorder). See docs/configuration.md.
 */
public record DnFile(String source, Map<String, ApplicationConfig> applications, Map<String, DnConfig> dns) {

    private static final Pattern DN = Pattern.compile("[A-Za-z0-9_.@+*#-]{1,64}");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public DnFile {
        applications = Map.copyOf(applications);
        dns = Map.copyOf(dns);
    }

    public Optional<ApplicationConfig> application(String name) {
        return Optional.ofNullable(applications.get(name));
    }

    public Optional<DnConfig> dn(String dn) {
        return Optional.ofNullable(dns.get(dn));
    }

    public static DnFile load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new DnFileException(file + ": cannot read the DN file (" + e.getMessage() + ")", e);
        }
    }

    public static DnFile parse(InputStream in, String source) {
        byte[] content;
        try {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new DnFileException(source + ": cannot read the DN file (" + e.getMessage() + ")", e);
        }
        List<String> problems = StrictYaml.problems(content, source);
        if (!problems.isEmpty()) {
            throw new DnFileException(problems);
        }
        Document document;
        try {
            document = new String(content, StandardCharsets.UTF_8).isBlank()
                    ? null : YAML.readValue(content, Document.class);
        } catch (JsonProcessingException e) {
            throw new DnFileException(DnFileErrors.describe(source, e, content), e);
        } catch (IOException e) {
            throw new DnFileException(source + ": cannot read the DN file (" + e.getMessage() + ")", e);
        }
        if (document == null) {
            document = new Document(null, null);
        }
        return new DnFile(source, document.applications(content), document.dns(source, content));
    }

    private static String lineOf(byte[] content, String... path) {
        OptionalInt line = YamlLines.lineOf(content, List.of(path));
        return line.isPresent() ? " line " + line.getAsInt() : "";
    }

    private record Document(Map<String, ApplicationEntry> applicationEntries, Map<String, DnEntry> dnEntries) {

        @JsonCreator
        Document(@JsonProperty("applications") Map<String, ApplicationEntry> applicationEntries,
                 @JsonProperty("dns") Map<String, DnEntry> dnEntries) {
            this.applicationEntries = applicationEntries == null ? Map.of() : applicationEntries;
            this.dnEntries = dnEntries == null ? Map.of() : dnEntries;
        }

        Map<String, ApplicationConfig> applications(byte[] content) {
            Map<String, ApplicationConfig> applications = new LinkedHashMap<>();
            applicationEntries.forEach((name, entry) -> applications.put(name,
                    (entry != null ? entry : ApplicationEntry.of(null, null, null)).toConfig(name, YamlLines.lineOf(content, List.of("applications", name)).orElse(0))));
            return applications;
        }

        Map<String, DnConfig> dns(String source, byte[] content) {
            Map<String, DnConfig> dns = new LinkedHashMap<>();
            dnEntries.forEach((dn, entry) -> {
                if (!DN.matcher(dn).matches()) {
                    throw new DnFileException(source + lineOf(content, "dns", dn) + ", at dns." + dn + ": DN '" + dn
                            + "' must be 1 to 64 characters of A-Z a-z 0-9 _ . @ + * # -", null);
                }
                dns.put(dn, (entry != null ? entry : DnEntry.of(null, null, null, null)).toConfig(dn));
            });
            return dns;
        }
    }

    /** An application: {@code password} (a {@link PasswordHash} form, or plain text on loopback), {@code roles}, {@code dns}. */
    private record ApplicationEntry(Secret secret, List<Role> roles, DnScope dns) {

        @JsonCreator
        static ApplicationEntry of(@JsonProperty("password") String password,
                                   @JsonProperty("roles") List<String> roles,
                                   @JsonProperty("dns") List<String> dns) {
            List<Role> parsed = roles == null ? List.of() : roles.stream().map(Role::parse).collect(Collectors.toList());
            return new ApplicationEntry(Secret.of(password), parsed, DnScope.of(dns));
        }

        ApplicationConfig toConfig(String name, int line) {
            return new ApplicationConfig(name, secret,
                    roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles), dns, line);
        }
    }

    private record DnEntry(DnType type, boolean record, String recorder, String dialect) {

        @JsonCreator
        static DnEntry of(@JsonProperty("type") String type, @JsonProperty("record") Boolean record,
                          @JsonProperty("recorder") String recorder, @JsonProperty("dialect") String dialect) {
            return new DnEntry(parseType(type), record != null && record, parseRecorder(recorder), parseDialect(dialect));
        }

        /**
         * A DN's own recorder: a SIP URI, or a comma-separated failover list of them (like
         * recgate.recorder.uri), each read by the SIP stack's own parser; what it may not carry
         * for the gateway's transport is checked once that is known (RecorderPolicy.checkDnFile).
         */
        private static String parseRecorder(String recorder) {
            if (recorder == null) {
                return null;
            }
            for (String uri : recorder.split(",")) {
                try {
                    SipTarget.parse(uri);
                } catch (ParseException e) {
                    throw new IllegalArgumentException("recorder '" + recorder
                            + "' must be a SIP URI (sip:user@host:port), or a comma-separated list of them: " + e.getMessage());
                }
            }
            return recorder;
        }

        private static DnType parseType(String type) {
            if (type == null) {
                return DnType.Extension;
            }
            for (DnType candidate : DnType.values()) {
                if (candidate.name().equalsIgnoreCase(type)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("unknown DN type '" + type
                    + "': use Extension, ACDPosition, Trunk or VoiceTreatmentPort");
        }

        private static String parseDialect(String dialect) {
            if (dialect != null && !dialect.equals("siprec") && !dialect.equals("msml")) {
                throw new IllegalArgumentException("unknown dialect '" + dialect + "': use siprec or msml");
            }
            return dialect;
        }

        DnConfig toConfig(String dn) {
            return new DnConfig(dn, type, record, recorder, dialect);
        }
    }
}
