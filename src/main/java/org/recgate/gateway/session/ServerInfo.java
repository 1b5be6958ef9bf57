package org.recgate.gateway.session;

/** What {@code EventServerInfo} tells a client about this gateway. */
public record ServerInfo(String serverName, String serverVersion, int protocolVersion) {

    public static final int PROTOCOL_VERSION = 1;

    /** The version from the jar's manifest, or "dev" when run from classes. */
    public static String implementationVersion() {
        String version = ServerInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
