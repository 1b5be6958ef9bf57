package org.recgate.sip.stack;

/**
 * A {@code host} or {@code host:port} entry of a setting ({@code [v6]:port} for an IPv6 address
 * with a port; a bare IPv6 address has none), its host in {@link SipTarget#normalHost} form.
 *
 * @param host the host, lower case (an IPv6 address in full form, without brackets)
 * @param port the port, from 1 to 65535, or -1 when the entry names none
 */
public record HostPort(String host, int port) {

    /** Parses one entry; a missing host or a bad port is refused with {@code setting} named. */
    public static HostPort parse(String text, String setting) {
        String entry = text.trim();
        int colon = entry.lastIndexOf(':');
        boolean bracketed = entry.startsWith("[");
        boolean withPort = colon > 0 && (bracketed ? entry.charAt(colon - 1) == ']' : entry.indexOf(':') == colon);
        String host = SipTarget.normalHost(withPort ? entry.substring(0, colon) : entry);
        if (host.isEmpty()) {
            throw new IllegalArgumentException(setting + ": '" + entry + "' names no host");
        }
        return new HostPort(host, withPort ? port(entry, entry.substring(colon + 1), setting) : -1);
    }

    private static int port(String entry, String port, String setting) {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(setting + ": '" + entry + "' has port '" + port
                + "', not one from 1 to 65535 (host or host:port)");
    }
}
