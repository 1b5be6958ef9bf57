package org.recgate.gateway.api;

import io.micrometer.core.instrument.Counter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.DnDirectory;
import org.recgate.session.LoginThrottle;
import org.recgate.support.Meters;
import org.recgate.tlib.model.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic (RFC 7617) with the DN file's applications: the user is the application's name, the
 * password its password, checked like {@code RequestRegisterClient}'s (hashed or, on loopback, plain)
 * and throttled by the same {@link LoginThrottle}, so failures over HTTP and over T-Library from one
 * address add up (docs/security.md, "Login throttling"). The password is never logged or kept.
 */
public record ApiCredentials(DnDirectory directory, LoginThrottle throttle, Counter failures, Counter lockouts) {

    /** Property: the {@link ApplicationConfig} the request authenticated as. */
    public static final String APPLICATION = "ApiApplication";
    /** Property: where the request came from ({@link InetSocketAddress}). */
    public static final String REMOTE = "ApiRemote";
    /** The header camel-platform-http-vertx puts the peer's address in. */
    static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private static final Logger LOG = LoggerFactory.getLogger(ApiCredentials.class);

    /** The same meters as T-Library's failed logins (docs/operations.md): one lockout, one count. */
    public static ApiCredentials counted(DnDirectory directory, LoginThrottle throttle, Meters meters) {
        return new ApiCredentials(directory, throttle,
                meters.counter("recgate.tlib.login.failures",
                        "Failed RequestRegisterClient: unknown application or wrong password (refusals during a lockout not included)"),
                meters.counter("recgate.tlib.login.lockouts",
                        "Source addresses locked out after too many failed RequestRegisterClient"));
    }

    /** First step of every API route but the OpenAPI document: 401 unless the credentials are an application's. */
    public void authenticate(Exchange exchange) {
        InetSocketAddress remote = remote(exchange.getMessage().getHeader(REMOTE_ADDRESS));
        exchange.setProperty(REMOTE, remote);
        exchange.setProperty(APPLICATION, authenticate(exchange.getMessage().getHeader("Authorization", String.class), remote));
    }

    /** The application of an {@code Authorization} header from {@code remote} (the event stream's check too); 401 else. */
    public ApplicationConfig authenticate(String header, InetSocketAddress remote) {
        String source = LoginThrottle.sourceOf(remote);
        throttle.lockedOut(source).ifPresent(locked -> {
            throw unauthorized("too many failed logins from " + source + ": try again in "
                    + Math.max(1, locked.toSeconds()) + " s");
        });
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("send HTTP Basic credentials (Authorization: Basic): the application's name and password");
        }
        String[] nameAndPassword = decode(header.substring(6).trim());
        ApplicationConfig application = directory.application(nameAndPassword[0]).orElse(null);
        if (application == null || !application.acceptsPassword(nameAndPassword[1])) {
            throw failed(source, application == null
                    ? "application '" + nameAndPassword[0] + "' is not configured in the DN file"
                    : "wrong password for application '" + nameAndPassword[0] + "'");
        }
        return application;
    }

    private ApiException failed(String source, String message) {
        failures.increment();
        if (throttle.failed(source)) {
            lockouts.increment();
            LOG.warn("Locking out {} for {} ms: too many failed logins (REST API)", source, throttle.lockoutMillis());
        }
        return unauthorized(message);
    }

    private static String[] decode(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the Basic credentials are not base64 of name:password");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw unauthorized("the Basic credentials are not base64 of name:password");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** Vert.x gives the peer as {@code host:port} ({@code [v6]:port}). */
    static InetSocketAddress remote(Object address) {
        String text = String.valueOf(address);
        int colon = text.lastIndexOf(':');
        if (address == null || colon <= 0) {
            return InetSocketAddress.createUnresolved(address == null ? "unknown" : text, 0);
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
        try {
            return InetSocketAddress.createUnresolved(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return InetSocketAddress.createUnresolved(text, 0);
        }
    }

    static ApiException unauthorized(String message) {
        return new ApiException(ApiStatus.UNAUTHORIZED, ErrorCode.NOT_AUTHORIZED, message);
    }
}
