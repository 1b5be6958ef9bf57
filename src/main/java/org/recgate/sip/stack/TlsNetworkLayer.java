package org.recgate.sip.stack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The stack's sockets with the gateway's TLS context (docs/security.md, SIP side). It
 * replaces the stack's own SSL layer, which with some settings trusts every certificate and never
 * checks that a certificate names the host connected to. Here:
 * <ul>
 * <li>a connection to a recorder checks the recorder's certificate against the truststore and its
 *     name against the host of the URI (HTTPS endpoint identification, RFC 2818 §3.1 / RFC 6125:
 *     a DNS name for a host name, an IP address entry for an address);</li>
 * <li>only {@link SipTls#PROTOCOLS} are offered, on both sides;</li>
 * <li>UDP and plain TCP sockets are the stack's defaults.</li>
 * </ul>
 * Whether a recorder connecting to the gateway must show a certificate is the stack's setting
 * ({@code TLS_CLIENT_AUTH_TYPE}, {@link SipStackProperties}).
 */
final class TlsNetworkLayer implements NetworkLayer {

    private static final int CONNECT_TIMEOUT_MS = 8000;
    private static final NetworkLayer PLAIN = DefaultNetworkLayer.SINGLETON;

    private final SSLContext context;

    TlsNetworkLayer(SSLContext context) {
        this.context = context;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
        socket.setEnabledProtocols(SipTls.PROTOCOLS.toArray(String[]::new));
        return socket;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    /**
     * Connected, not yet shaken hands (the stack starts the handshake). The JDK takes the name to
     * check from the address: the host name it was looked up by, or the address itself.
     */
    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setProtocols(SipTls.PROTOCOLS.toArray(String[]::new));
        socket.setSSLParameters(parameters);
        try {
            if (myAddress != null) {
                socket.bind(new InetSocketAddress(myAddress, 0));
            }
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new ConnectException("no TLS connection to " + address.getHostAddress() + ":" + port
                    + " within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return PLAIN.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return PLAIN.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return PLAIN.createSocket(address, port, localAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return PLAIN.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return PLAIN.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return PLAIN.createDatagramSocket(port, laddr);
    }

    @Override
    public void setSipStack(SipStackImpl sipStackImpl) {
        // nothing to read from the stack: the context is given
    }
}
