package org.recgate.sip.demo;

import gov.nist.javax.sip.SipStackImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.apache.camel.support.service.ServiceSupport;
import org.recgate.sip.stack.SipStackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process SIPREC recording server (RFC 7866), which also answers as an MSML media server
 * (RFC 5707) does, for the gateway's first run and for demos:
 * when no recorder is configured, recordings go here, so the whole path works without any other
 * software. It answers like a recorder, records no media, and writes what it was asked to record
 * into a folder, one JSON file per recording session ({@link RecordingFolder}). Tests of the
 * gateway use a real SIP peer (sipp) instead. docs/demo-recorder.md describes it.
 * <p>
 * A Camel service with a JAIN-SIP stack of its own (stack name {@code recgate-demo-recorder-<transport>-<port>}),
 * so it can be added to the CamelContext before the routes start and stops with it:
 * <pre>{@code context.addService(new DemoRecorder(host, port, transport, folder), true, true);}</pre>
 * Stopping marks the sessions still live as stopped in their files and sends nothing: it stops
 * with the gateway, which hangs up its own sessions.
 */
public final class DemoRecorder extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRecorder.class);

    private final String host;
    private final int port;
    private final String transport;
    private final RecordingFolder folder;
    private SipStack stack;
    private SiprecServer server;

    /**
     * @param host      the address to listen on; it goes into the Contact, so it must be one the
     *                  gateway can reach ({@code 0.0.0.0} is refused)
     * @param port      the SIP port, 1 to 65535
     * @param transport {@code udp} or {@code tcp}; the gateway's SIP transport must be the same
     * @param folder    where the JSON files go; created when missing
     */
    public DemoRecorder(String host, int port, String transport, Path folder) {
        this.host = Objects.requireNonNull(host, "host").trim();
        this.transport = Objects.requireNonNull(transport, "transport").trim().toLowerCase(Locale.ROOT);
        this.folder = new RecordingFolder(Objects.requireNonNull(folder, "folder"));
        this.port = port;
        if (this.host.isEmpty() || isWildcard(this.host)) {
            throw new IllegalArgumentException("demo recorder: host '" + host
                    + "' cannot be reached by the gateway; give the address to listen on, e.g. 127.0.0.1");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("demo recorder: port " + port + " is not between 1 and 65535");
        }
        if (!ListeningPoint.UDP.equalsIgnoreCase(this.transport) && !ListeningPoint.TCP.equalsIgnoreCase(this.transport)) {
            throw new IllegalArgumentException("demo recorder: transport '" + transport + "' is not udp or tcp");
        }
    }

    /** The URI to send recordings to, e.g. {@code sip:recorder@127.0.0.1:5070} ({@code ;transport=tcp} over TCP). */
    public String uri() {
        String address = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "sip:" + SiprecServer.USER + "@" + address + ":" + port
                + (ListeningPoint.TCP.equalsIgnoreCase(transport) ? ";transport=tcp" : "");
    }

    /** The folder the JSON files go to. */
    public Path folder() {
        return folder.path();
    }

    @Override
    protected void doStart() throws Exception {
        folder.create();
        SipStack created = new SipStackImpl(stackProperties());
        try {
            ListeningPoint listeningPoint = created.createListeningPoint(host, port, transport);
            SipProvider provider = created.createSipProvider(listeningPoint);
            SiprecServer listener = new SiprecServer(provider, host, port, transport, folder);
            provider.addSipListener(listener);
            created.start();
            server = listener;
            stack = created;
        } catch (Exception e) {
            created.stop();
            throw new IllegalStateException("demo recorder: cannot listen on " + transport + ":" + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        LOG.info("Demo recorder listening on {} ({}), writing recordings to {}", uri(), transport,
                folder.path().toAbsolutePath());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stopAll("demo recorder stopped");
        }
        if (stack != null) {
            stack.stop();
            LOG.info("Demo recorder on {} stopped", uri());
        }
        server = null;
        stack = null;
    }

    /** The gateway's stack settings (SipStackProperties), under a name of our own so logs and threads tell the two apart. */
    private Properties stackProperties() {
        return SipStackProperties.base("recgate-demo-recorder-" + transport + "-" + port);
    }

    private static boolean isWildcard(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false; // the listening point will say what is wrong with it
        }
    }

    @Override
    public String toString() {
        return "DemoRecorder[" + uri() + " -> " + folder.path() + "]";
    }
}
