package org.recgate.gateway.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The supervisor console's files (docs/api.md, "Supervisor console"), read from the jar's
 * {@code console/} once: {@code /console/} is index.html, {@code /console} redirects there, any other
 * name is 404. Each answer carries a Content-Security-Policy that allows only the gateway's own
 * scripts, styles and API (no inline script or style, no other origin, no framing), docs/security.md.
 */
public final class ConsoleFiles implements Handler<RoutingContext> {

    public static final String PATH = "/console";
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "view.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, Buffer> files = new LinkedHashMap<>();

    public ConsoleFiles() {
        TYPES.keySet().forEach(name -> files.put(name, Buffer.buffer(read("console/" + name))));
    }

    @Override
    public void handle(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals(PATH)) {
            context.response().setStatusCode(301).putHeader("Location", PATH + "/").end();
            return;
        }
        String name = path.substring(PATH.length() + 1);
        Buffer file = files.get(name.isEmpty() ? "index.html" : name);
        var response = context.response()
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        if (file == null) {
            response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("no such file in the console: " + name);
            return;
        }
        response.putHeader("Content-Type", TYPES.get(name.isEmpty() ? "index.html" : name)).end(file);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }
}
