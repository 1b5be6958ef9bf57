package org.recgate.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.msml.MsmlSettings;
import org.recgate.sip.siprec.SiprecSettings;

/** Endpoint URIs and options, without starting the SIP stack (the context is never started). */
class SipRecorderComponentTest {

    private CamelContext context;
    private SipRecorderComponent component;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        component = new SipRecorderComponent();
        component.getConfiguration().setHost("192.0.2.10");
        context.addComponent("sip-recorder", component);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        SipRecorderConfiguration defaults = new SipRecorderConfiguration();
        assertEquals("127.0.0.1", defaults.getHost());
        assertEquals(5062, defaults.getPort());
        assertEquals("udp", defaults.getTransport());
        assertEquals(5000, defaults.getTimeoutMs());
        assertEquals(Dialect.SIPREC, defaults.getDialect());
        assertEquals("recgate", defaults.getFromUser());
        assertEquals("urn:recgate:tlib:1", defaults.getMetadataNamespace());
        assertEquals("408,5xx,6xx", defaults.getFailoverOnStatus());
        assertEquals(40000, defaults.getMediaPort());
        assertEquals("application/vnd.radisys.msml+xml", defaults.getMsmlContentType());
        assertEquals("file:///recordings/{fileName}{suffix}.wav", defaults.getMsmlRecordDest());
        assertEquals("audio/wav", defaults.getMsmlRecordFormat());
        assertEquals("7200s", defaults.getMsmlMaxTime());
        assertEquals(null, defaults.getMessageTo());
        assertEquals("application/json", defaults.getMessageContentType());
        defaults.validate();
        SiprecSettings settings = defaults.siprecSettings();
        assertEquals("127.0.0.1", settings.domain(), "the domain defaults to the listening host");
        assertEquals("127.0.0.1", settings.mediaAddress(), "the media address defaults to the listening host");
        MsmlSettings msml = defaults.msmlSettings();
        assertEquals("127.0.0.1", msml.domain());
        assertEquals("urn:recgate:tlib:1", msml.extensionNamespace());
    }

    @Test
    void endpointOptionsOverrideTheComponentsOnACopy() {
        SipRecorderEndpoint endpoint = context.getEndpoint("sip-recorder:recorders?timeoutMs=750&failoverOnStatus=5xx"
                + "&fromUser=rec&domain=cc.example.com&metadataNamespace=urn:example:x&mediaAddress=192.0.2.99"
                + "&mediaPort=41000&dialect=msml&msmlContentType=application/xml"
                + "&msmlRecordDest=http://store.example.com/{recordingId}/{record}.wav&msmlRecordFormat=audio/wav;codecs=mulaw"
                + "&msmlMaxTime=3600s", SipRecorderEndpoint.class);
        assertEquals("recorders", endpoint.getName());
        SipRecorderConfiguration options = endpoint.getConfiguration();
        assertEquals(750, options.getTimeoutMs());
        assertEquals("5xx", options.getFailoverOnStatus());
        assertEquals("rec", options.getFromUser());
        assertEquals("cc.example.com", options.getDomain());
        assertEquals("urn:example:x", options.getMetadataNamespace());
        assertEquals("192.0.2.99", options.getMediaAddress());
        assertEquals(41000, options.getMediaPort());
        assertEquals(Dialect.MSML, options.getDialect());
        assertEquals("application/xml", options.getMsmlContentType());
        assertEquals("http://store.example.com/{recordingId}/{record}.wav", options.getMsmlRecordDest());
        assertEquals("audio/wav;codecs=mulaw", options.getMsmlRecordFormat());
        assertEquals("3600s", options.getMsmlMaxTime());
        assertEquals("192.0.2.10", options.getHost(), "the listening point comes from the component");
        assertEquals(5000, component.getConfiguration().getTimeoutMs(), "the component's own options are untouched");
    }

    @Test
    void anEndpointWithMessageToSendsMessagesAndOneWithoutDrivesRecordings() throws Exception {
        SipRecorderEndpoint screen = context.getEndpoint("sip-recorder:screen-recorder?messageTo="
                + "RAW(sip:screen@192.0.2.5:5080, sip:backup@192.0.2.6;transport=tcp)&messageContentType=text/plain",
                SipRecorderEndpoint.class);
        assertEquals(java.util.List.of("sip:screen@192.0.2.5:5080", "sip:backup@192.0.2.6;transport=tcp"),
                screen.getConfiguration().messageTargets());
        assertEquals("text/plain", screen.getConfiguration().getMessageContentType());
        assertTrue(screen.createProducer() instanceof SipMessageProducer);
        SipRecorderEndpoint off = context.getEndpoint("sip-recorder:screen-off?messageTo=RAW()", SipRecorderEndpoint.class);
        assertEquals(java.util.List.of(), off.getConfiguration().messageTargets(), "an empty messageTo is no target");
        assertTrue(off.createProducer() instanceof SipRecorderProducer);
        assertTrue(context.getEndpoint("sip-recorder:recorders").createProducer() instanceof SipRecorderProducer);
    }

    @Test
    void theListeningPointBelongsToTheComponent() {
        for (String option : new String[] {"host=192.0.2.1", "port=5070", "transport=tcp"}) {
            ResolveEndpointFailedException error = assertThrows(ResolveEndpointFailedException.class,
                    () -> context.getEndpoint("sip-recorder:recorders?" + option));
            assertTrue(error.getMessage().contains("belongs to the component"), error.getMessage());
        }
    }

    @Test
    void unknownAndBadOptionsAreRefusedWithTheOptionNamed() {
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("sip-recorder:recorders?timeout=5"));
        assertRefused("failoverOnStatus=5x", "'5x'");
        assertRefused("dialect=mgcp", "dialect");
        assertRefused("msmlContentType=xml", "msmlContentType");
        assertRefused("msmlMaxTime=2h", "msmlMaxTime");
        assertRefused("msmlRecordDest=file:///{nope}.wav", "{nope}");
        assertRefused("metadataNamespace=urn:ietf:params:xml:ns:recording:1", "metadataNamespace");
        assertRefused("timeoutMs=0", "timeoutMs");
        assertRefused("messageTo=RAW(sip:screen@192.0.2.5, mailto:screen@example.com)", "'mailto:screen@example.com'");
        assertRefused("messageTo=RAW(screen.example.com)", "messageTo must list SIP URIs");
        assertRefused("messageTo=sip:screen@192.0.2.5&messageContentType=json", "messageContentType");
    }

    private void assertRefused(String option, String message) {
        ResolveEndpointFailedException error = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("sip-recorder:recorders?" + option));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @Test
    void theComponentIsConfiguredThroughItsConfigurationProperty() {
        PropertyBindingSupport.build().bind(context, component, "configuration.port", "5070");
        PropertyBindingSupport.build().bind(context, component, "configuration.transport", "TCP");
        assertEquals(5070, component.getConfiguration().getPort());
        assertEquals("tcp", component.getConfiguration().getTransport());
    }

    @Test
    void aWildcardHostCannotBeAdvertisedInContact() {
        SipRecorderConfiguration configuration = new SipRecorderConfiguration();
        configuration.setHost("0.0.0.0");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, configuration::validate);
        assertTrue(error.getMessage().contains("Via and Contact"), error.getMessage());
    }

    @Test
    void aRecorderUriNamesItsDialect() {
        assertEquals(java.util.Optional.of(Dialect.MSML), Dialect.ofUri("sip:ms.example.com:5070;dialect=msml"));
        assertEquals(java.util.Optional.of(Dialect.SIPREC), Dialect.ofUri("sip:srs@rec.example.com;Dialect=SIPREC;transport=tcp"));
        assertEquals(java.util.Optional.empty(), Dialect.ofUri("sip:srs@rec.example.com;transport=tcp"));
        assertEquals(java.util.Optional.empty(), Dialect.ofUri("sip:srs@rec.example.com?X-Note=x;dialect=msml"),
                "a header is not a URI parameter");
        assertEquals(Dialect.SIPREC, Dialect.of("sip:srs@rec.example.com", Dialect.SIPREC));
        assertEquals(Dialect.MSML, Dialect.of("sip:ms.example.com;dialect=msml", Dialect.SIPREC));
        assertThrows(IllegalArgumentException.class, () -> Dialect.ofUri("sip:ms.example.com;dialect=mgcp"));
    }
}
