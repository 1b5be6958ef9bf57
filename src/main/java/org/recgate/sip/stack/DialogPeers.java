package org.recgate.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Where the requests of each dialog may come from (docs/security.md, SIP side): the recorder
 * the gateway called, known by the address and port its 2xx to the INVITE came from, the host and
 * port of that INVITE's Request-URI and the dialog's remote target (its Contact) when they are IP
 * addresses, and the configured recorder hosts ({@code recorderHosts}), in every dialog. Over UDP
 * the port must match too; over TCP and TLS only the address (a recorder may open a connection of
 * its own, from any port). Nothing here asks DNS: a host name in a Contact or Request-URI is
 * matched through the address the 2xx came from.
 */
final class DialogPeers {

    /** A source: an address and a port, -1 for any. */
    record Peer(InetAddress address, int port) {

        boolean matches(InetAddress source, int sourcePort, boolean portsCount) {
            return address.equals(source) && (!portsCount || port < 0 || port == sourcePort);
        }
    }

    private final Map<String, Set<Peer>> byDialog = new ConcurrentHashMap<>();
    private final List<Peer> recorderHosts;
    private final boolean portsCount;
    private final String transport;

    /**
     * @param recorderHosts {@code host[:port]} entries; host names are resolved once, here
     * @param transport     the listening point's: over UDP, ports are compared
     */
    DialogPeers(List<String> recorderHosts, String transport) {
        this.transport = transport;
        this.portsCount = ListeningPoint.UDP.equalsIgnoreCase(transport);
        this.recorderHosts = resolve(recorderHosts);
    }

    /**
     * An answer to one of our requests: a 2xx to a dialog's first INVITE names its recorder
     * ({@link #established}), and so does a 2xx to the first INVITE this stack sends in a dialog
     * another process set up (a takeover re-INVITE, docs/durable-state.md §3). Called on the
     * stack's message thread before anything that arrives after the 2xx is looked at.
     */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction transaction = event.getClientTransaction();
        if (response.getStatusCode() / 100 == 2 && event.getDialog() != null && transaction != null
                && Request.INVITE.equals(transaction.getRequest().getMethod())
                && (((ToHeader) transaction.getRequest().getHeader(ToHeader.NAME)).getTag() == null
                    || !byDialog.containsKey(event.getDialog().getDialogId()))) {
            established(event.getDialog(), (SIPMessage) response, transaction.getRequest().getRequestURI());
        }
    }

    /**
     * The recorder answered the dialog's INVITE with a 2xx: its source, and the Request-URI's host
     * and port when that is an address, may send in the dialog from now on.
     */
    void established(Dialog dialog, SIPMessage answer, URI requestUri) {
        Set<Peer> peers = byDialog.computeIfAbsent(dialog.getDialogId(), id -> ConcurrentHashMap.newKeySet());
        if (answer.getPeerPacketSourceAddress() != null) {
            peers.add(new Peer(answer.getPeerPacketSourceAddress(), answer.getPeerPacketSourcePort()));
        }
        literal(requestUri).ifPresent(peers::add);
    }

    void forget(Dialog dialog) {
        byDialog.remove(dialog.getDialogId());
    }

    void clear() {
        byDialog.clear();
    }

    /** True when a request in {@code dialog} from {@code source}:{@code sourcePort} is its recorder's. */
    boolean accepts(Dialog dialog, InetAddress source, int sourcePort) {
        if (source == null) {
            return false;
        }
        if (recorderHosts.stream().anyMatch(peer -> peer.matches(source, sourcePort, portsCount))) {
            return true;
        }
        Set<Peer> peers = byDialog.get(dialog.getDialogId());
        if (peers == null) {
            return false; // not established by a 2xx of ours: nobody may speak in it yet
        }
        if (peers.stream().anyMatch(peer -> peer.matches(source, sourcePort, portsCount))) {
            return true;
        }
        Address target = dialog.getRemoteTarget();
        return target != null && literal(target.getURI()).map(peer -> peer.matches(source, sourcePort, portsCount))
                .orElse(false);
    }

    /** A SIP URI whose host is an IP address, as the source its requests would come from. */
    private Optional<Peer> literal(URI uri) {
        if (!(uri instanceof SipURI sip) || sip.getMAddrParam() != null) {
            return Optional.empty();
        }
        String host = SipTarget.normalHost(sip.getHost());
        if (!isAddress(host)) {
            return Optional.empty();
        }
        try {
            int port = sip.getPort() > 0 ? sip.getPort()
                    : sip.isSecure() || SipTarget.TLS.equalsIgnoreCase(transport) ? 5061 : 5060;
            return Optional.of(new Peer(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An IPv4 address of four numbers, or an IPv6 one: read by the JDK without DNS. */
    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The recorder hosts as sources: each address of a host name (looked up once), with its port or any. */
    private static List<Peer> resolve(List<String> entries) {
        List<Peer> peers = new ArrayList<>();
        for (String entry : entries) {
            HostPort hostPort = HostPort.parse(entry, "recgate.sip.recorder-hosts");
            try {
                for (InetAddress address : InetAddress.getAllByName(hostPort.host())) {
                    peers.add(new Peer(address, hostPort.port()));
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("recgate.sip.recorder-hosts: cannot resolve '" + hostPort.host() + "'", e);
            }
        }
        return List.copyOf(peers);
    }
}
