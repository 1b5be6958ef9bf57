package org.recgate.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** What the REST API, event stream and console tests share: a gateway with a DN file of their own, Basic credentials. */
public final class ApiTesting {

    private ApiTesting() {
    }

    /** The DN file of the event stream and console tests (src/test/resources). */
    public static final Path EVENTS_DN_FILE = Path.of("src/test/resources/dns-api-events.yaml");

    /** {@link Recordings#recorderSettings} over UDP, with {@code dnFile} (YAML) as the gateway's DN file. */
    public static Map<String, String> settings(String recorderUri, String dnFile) throws Exception {
        Path file = Files.createTempFile("dns-api", ".yaml");
        Files.writeString(file, dnFile);
        return settings(recorderUri, file);
    }

    public static Map<String, String> settings(String recorderUri, Path dnFile) throws Exception {
        Map<String, String> settings = new HashMap<>(Recordings.recorderSettings(recorderUri, "udp"));
        settings.put("recgate.dn-file", dnFile.toString());
        return settings;
    }

    /** The Authorization header of {@code user}: {@code name} (no password) or {@code name:password}. */
    public static String basic(String user) {
        String credentials = user.contains(":") ? user : user + ":";
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /api/v1{path}} as {@code user}. */
    public static HttpResponse<String> get(HttpClient http, RunningGateway gateway, String path, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.apiPort() + "/api/v1" + path))
                .header("Authorization", basic(user)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
