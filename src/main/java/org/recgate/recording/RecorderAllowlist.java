package org.recgate.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.recgate.sip.stack.HostPort;
import org.recgate.sip.stack.SipTarget;

/**
 * The recorders {@code dest} and {@code dest2} may name ({@code recgate.recorder.allowed-hosts},
 * docs/recording.md §3): entries {@code host} or {@code host:port} ({@code [v6]:port} for an IPv6
 * address), compared with the host and port the SIP stack would send to ({@link SipTarget}). A
 * {@code *} stands for any run of characters within one DNS label, so {@code *.example.com}
 * cannot be met by {@code example.com.attacker.net}; an entry of digits, dots and {@code *} is an
 * IPv4 pattern and takes only an address written as four numbers ({@code 10.0.0.*} is not met by
 * {@code 10.0.0.1.attacker.net}, nor {@code 127.0.0.1} by {@code 127.1}).
 */
final class RecorderAllowlist {

    private static final Pattern IPV4_PATTERN = Pattern.compile("[0-9.*]+");
    private static final Pattern IPV4_ADDRESS = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** One entry: its host pattern and its port, -1 for any. */
    private record Entry(Pattern host, boolean ipv4, int port) {

        boolean allows(String targetHost, int targetPort) {
            return (port < 0 || port == targetPort) && (!ipv4 || IPV4_ADDRESS.matcher(targetHost).matches())
                    && host.matcher(targetHost).matches();
        }
    }

    private final List<Entry> entries;

    private RecorderAllowlist(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The entries of the setting; a malformed one (bad port) stops the start with the setting named. */
    static RecorderAllowlist of(List<String> texts) {
        List<Entry> entries = new ArrayList<>();
        for (String text : texts) {
            entries.add(entry(text));
        }
        return new RecorderAllowlist(entries);
    }

    /** Allows exactly the host and port each target goes to. */
    static RecorderAllowlist exactly(List<SipTarget> targets, String sipTransport) {
        return new RecorderAllowlist(targets.stream()
                .map(target -> new Entry(Pattern.compile(Pattern.quote(target.host())), false, target.port(sipTransport)))
                .toList());
    }

    boolean allows(String host, int port) {
        return entries.stream().anyMatch(entry -> entry.allows(host, port));
    }

    private static Entry entry(String text) {
        HostPort entry = HostPort.parse(text, "recgate.recorder.allowed-hosts");
        return new Entry(glob(entry.host()), IPV4_PATTERN.matcher(entry.host()).matches(), entry.port());
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join("[^.]*", parts));
    }
}
