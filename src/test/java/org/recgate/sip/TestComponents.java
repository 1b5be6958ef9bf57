package org.recgate.sip;

import java.io.IOException;
import org.recgate.sip.component.SipRecorderComponent;
import org.recgate.sip.component.SipRecorderConfiguration;
import org.recgate.testing.FreePorts;

/** The {@code sip-recorder} components the component tests add to their own CamelContext. */
public final class TestComponents {

    private TestComponents() {
    }

    /**
     * A component on a free port of 127.0.0.1 over the transport, in the domain {@code cc.example.com},
     * without keepalives (sipp scenarios play one call each; RecorderLivenessIT turns them on).
     */
    public static SipRecorderComponent onFreePort(String transport) throws IOException {
        SipRecorderConfiguration configuration = new SipRecorderConfiguration();
        configuration.setHost("127.0.0.1");
        configuration.setPort(FreePorts.free(transport));
        configuration.setTransport(transport);
        configuration.setDomain("cc.example.com");
        configuration.setKeepaliveMs(0);
        return new SipRecorderComponent(configuration);
    }
}
