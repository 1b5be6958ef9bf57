package org.recgate.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.stack.SipStackProperties;
import org.recgate.testing.FreePorts;

/**
 * A SIPREC recorder over TLS for the tests, since the sipp here has no TLS (it was built without
 * OpenSSL): a JAIN-SIP stack of its own with a TLS listening point on 127.0.0.1, set up the way the
 * stack documents it (its {@code javax.net.ssl.*} properties and its own SSL layer), which asks a
 * connecting gateway for a certificate. It answers an INVITE 200 with SDP, a BYE 200, and keeps
 * each request it got as {@code METHOD/TRANSPORT} (the Via's transport), e.g. {@code INVITE/TLS}.
 */
public final class TlsRecorder extends QuietSipListener implements AutoCloseable {

    private final int port = FreePorts.tcp();
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final MessageFactory messages;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /**
     * @param keystore   its key and certificate (PKCS12)
     * @param truststore the certificates of the gateways it takes (PKCS12)
     * @param password   of both
     */
    public TlsRecorder(Path keystore, Path truststore, String password) throws Exception {
        Properties properties = SipStackProperties.base("tls-recorder-" + port);
        properties.setProperty("javax.net.ssl.keyStore", keystore.toString());
        properties.setProperty("javax.net.ssl.keyStorePassword", password);
        properties.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
        properties.setProperty("javax.net.ssl.trustStore", truststore.toString());
        properties.setProperty("javax.net.ssl.trustStorePassword", password);
        properties.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES",
                String.join(",", SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()));
        stack = new SipStackImpl(properties);
        ListeningPoint listeningPoint = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.TLS);
        provider = stack.createSipProvider(listeningPoint);
        provider.addSipListener(this);
        headers = new HeaderFactoryImpl();
        addresses = new AddressFactoryImpl();
        messages = new MessageFactoryImpl();
        stack.start();
    }

    /** {@code sips:srs@127.0.0.1:<port>}. */
    public String uri() {
        return "sips:srs@127.0.0.1:" + port;
    }

    /** The requests received so far, in order, as {@code METHOD/TRANSPORT}. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        received.add(request.getMethod() + "/" + ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toUpperCase(Locale.ROOT));
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            Response ok = messages.createResponse(Response.OK, request);
            ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(Utils.getInstance().generateTag());
            }
            if (Request.INVITE.equals(request.getMethod())) {
                SipURI contact = addresses.createSipURI("srs", "127.0.0.1");
                contact.setPort(port);
                contact.setSecure(true);
                ok.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
                ok.setContent("""
                        v=0
                        o=srs 1 1 IN IP4 127.0.0.1
                        s=tls recorder
                        c=IN IP4 127.0.0.1
                        t=0 0
                        m=audio 41000 RTP/AVP 0
                        a=label:1
                        a=recvonly
                        m=audio 41002 RTP/AVP 0
                        a=label:2
                        a=recvonly
                        """.replace("\n", "\r\n"), headers.createContentTypeHeader("application", "sdp"));
            }
            transaction.sendResponse(ok);
        } catch (Exception e) {
            throw new IllegalStateException("the TLS recorder could not answer " + request.getMethod(), e);
        }
    }






    @Override
    public void close() {
        stack.stop();
    }
}
