package org.recgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which secrets a DN file may hold, given where the T-Library listener is (docs/security.md,
 * "Credentials"): on a loopback-only listener an application without a password or with a
 * plain-text one is accepted, with one WARN line each; on any other address only hashed secrets
 * are, and a DN file with another kind is refused (at start-up the gateway does not start; a
 * reload keeps the previous file).
 */
public final class CredentialPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialPolicy.class);

    private final String listenerHost;
    private final String hostKey;
    private final boolean loopbackOnly;

    public CredentialPolicy(String listenerHost) {
        this(listenerHost, "recgate.tlib.host");
    }

    private CredentialPolicy(String listenerHost, String hostKey) {
        this.listenerHost = listenerHost;
        this.hostKey = hostKey;
        this.loopbackOnly = isLoopbackOnly(listenerHost);
    }

    /**
     * The policy of the gateway's listeners that take the DN file's passwords: the T-Library listener
     * and the REST API ({@code apiHost}, null when it is off; HTTP Basic, docs/api.md). Loopback-only
     * when both are; otherwise judged by the one that is not, and its message names its key.
     */
    public static CredentialPolicy forListeners(String tlibHost, String apiHost) {
        if (apiHost != null && isLoopbackOnly(tlibHost) && !isLoopbackOnly(apiHost)) {
            return new CredentialPolicy(apiHost, "recgate.api.host");
        }
        return new CredentialPolicy(tlibHost);
    }

    /** True when every address the host names is a loopback one ({@code 0.0.0.0}, unresolvable: false). */
    public static boolean isLoopbackOnly(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.trim());
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean loopbackOnly() {
        return loopbackOnly;
    }

    /** Warns of each weak secret on loopback; refuses the file (DnFileException naming each one) otherwise. */
    public void check(DnFile file) {
        List<ApplicationConfig> weak = file.applications().values().stream()
                .filter(application -> application.secret().kind() != Secret.Kind.HASHED)
                .sorted(java.util.Comparator.comparingInt(ApplicationConfig::line))
                .toList();
        if (weak.isEmpty()) {
            return;
        }
        if (loopbackOnly) {
            weak.forEach(application -> LOG.warn("{}: application '{}' has {}: accepted only because the T-Library"
                            + " listener and the REST API are loopback-only ({}={}); store a hash (java -jar recgate.jar"
                            + " hash-password) before listening on another address (docs/security.md)",
                    where(file, application), application.name(), application.secret().kind().words(), hostKey, listenerHost));
            return;
        }
        StringBuilder message = new StringBuilder();
        for (ApplicationConfig application : weak) {
            message.append(message.isEmpty() ? "" : "; ").append(where(file, application)).append(", at applications.")
                    .append(application.name()).append(": application '").append(application.name()).append("' has ")
                    .append(application.secret().kind().words());
        }
        message.append(": ").append("recgate.tlib.host".equals(hostKey) ? "the T-Library listener" : "the REST API")
                .append(" is on ").append(listenerHost).append(" (").append(hostKey).append("), not loopback-only,"
                + " so every application needs a hashed password: run `java -jar recgate.jar hash-password` and put"
                + " its output in the application's password (docs/security.md)");
        throw new DnFileException(message.toString(), null);
    }

    private static String where(DnFile file, ApplicationConfig application) {
        return file.source() + (application.line() > 0 ? " line " + application.line() : "");
    }
}
