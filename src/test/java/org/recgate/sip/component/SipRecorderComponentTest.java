package org.recgate.sip.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recgate.sip.msml.MsmlSettings;
import org.recgate.sip.siprec.SiprecSettings;
import org.recgate.sip.Dialect;

/** Component and endpoint options and paths, without starting the SIP stack (the context is never started). */
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

    /** What the javadoc of the options class promises: each {@code defaultValue} is the field's initial value. */
    @Test
    void eachDocumentedDefaultIsTheFieldsInitialValue() throws Exception {
        SipRecorderConfiguration fresh = new SipRecorderConfiguration();
        int options = 0;
        for (Field field : SipRecorderConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param == null) {
                continue;
            }
            options++;
            field.setAccessible(true);
            Object initial = field.get(fresh);
            String documented = param.defaultValue().isEmpty() ? null : param.defaultValue();
            assertEquals(documented, initial == null ? null : String.valueOf(initial), field.getName());
        }
        assertEquals(28, options, "options of SipRecorderConfiguration");
    }

    /** Camel main binds camel.component.sip-recorder.<option> to a setter of the component: one per component option. */
    @Test
    void theComponentHasASetterForEachOptionButTheEndpointOnlyOnes() {
        for (Field field : SipRecorderConfiguration.class.getDeclaredFields()) {
            if (field.getAnnotation(UriParam.class) == null) {
                continue;
            }
            String setter = "set" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
            boolean endpointOnly = Set.of("messageTo", "batch").contains(field.getName());
            boolean present = Arrays.stream(SipRecorderComponent.class.getMethods())
                    .anyMatch(m -> m.getName().equals(setter) && Arrays.equals(m.getParameterTypes(), new Class<?>[] {field.getType()}));
            assertEquals(!endpointOnly, present, setter + " on SipRecorderComponent");
        }
    }

    @Test
    void flatComponentOptionsAreBoundLikeCamelMainDoes() {
        PropertyBindingSupport.build().bind(context, component, "port", "5070");
        PropertyBindingSupport.build().bind(context, component, "transport", "TCP");
        PropertyBindingSupport.build().bind(context, component, "timeout-ms", "750");
        PropertyBindingSupport.build().bind(context, component, "dialect", "msml");
        PropertyBindingSupport.build().bind(context, component, "msml-max-time", "60s");
        SipRecorderConfiguration options = component.getConfiguration();
        assertEquals(5070, options.getPort());
        assertEquals("tcp", options.getTransport());
        assertEquals(750, options.getTimeoutMs());
        assertEquals(Dialect.MSML, options.getDialect());
        assertEquals("60s", options.getMsmlMaxTime());
        SipRecorderConfiguration endpoint = context.getEndpoint("sip-recorder:session", SipRecorderEndpoint.class)
                .getConfiguration();
        assertEquals(750, endpoint.getTimeoutMs(), "an endpoint starts from the component's options");
        assertEquals(Dialect.MSML, endpoint.getDialect());
    }

    @Test
    void endpointOptionsOverrideTheComponentsOnACopy() {
        SipRecorderEndpoint endpoint = context.getEndpoint("sip-recorder:session?timeoutMs=750&failoverOnStatus=5xx"
                + "&fromUser=rec&domain=cc.example.com&metadataNamespace=urn:example:x&mediaAddress=192.0.2.99"
                + "&mediaPort=41000&dialect=msml&msmlContentType=application/xml"
                + "&msmlRecordDest=http://store.example.com/{recordingId}/{record}.wav&msmlRecordFormat=audio/wav;codecs=mulaw"
                + "&msmlMaxTime=3600s", SipRecorderEndpoint.class);
        assertEquals(SipRecorderEndpoint.Purpose.SESSION, endpoint.getPurpose());
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
        assertFalse(options.isBatch());
        assertEquals("192.0.2.10", options.getHost(), "the listening point comes from the component");
        assertEquals(5000, component.getConfiguration().getTimeoutMs(), "the component's own options are untouched");
    }

    @Test
    void thePathSaysWhatTheEndpointIsFor() throws Exception {
        SipRecorderEndpoint session = context.getEndpoint("sip-recorder:session", SipRecorderEndpoint.class);
        assertTrue(session.createProducer() instanceof SipRecorderProducer);
        assertTrue(context.getEndpoint("sip-recorder:session?batch=true", SipRecorderEndpoint.class).getConfiguration().isBatch());
        SipRecorderEndpoint screen = context.getEndpoint("sip-recorder:message?messageTo="
                + "RAW(sip:screen@192.0.2.5:5080, sip:backup@192.0.2.6;transport=tcp)&messageContentType=text/plain",
                SipRecorderEndpoint.class);
        assertEquals(SipRecorderEndpoint.Purpose.MESSAGE, screen.getPurpose());
        assertEquals(List.of("sip:screen@192.0.2.5:5080", "sip:backup@192.0.2.6;transport=tcp"),
                screen.getConfiguration().messageTargets());
        assertEquals("text/plain", screen.getConfiguration().getMessageContentType());
        assertTrue(screen.createProducer() instanceof SipMessageProducer);
        SipRecorderEndpoint off = context.getEndpoint("sip-recorder:message?messageTo=RAW()", SipRecorderEndpoint.class);
        assertEquals(List.of(), off.getConfiguration().messageTargets(), "an empty messageTo is no target");
        assertTrue(off.createProducer() instanceof SipMessageProducer, "a message endpoint without targets sends nothing");
        SipRecorderEndpoint events = context.getEndpoint("sip-recorder:events", SipRecorderEndpoint.class);
        assertTrue(events.createConsumer(exchange -> { }) instanceof SipRecorderConsumer);

        UnsupportedOperationException producer = assertThrows(UnsupportedOperationException.class, events::createProducer);
        assertTrue(producer.getMessage().contains("sip-recorder:events only delivers"), producer.getMessage());
        UnsupportedOperationException consumer = assertThrows(UnsupportedOperationException.class,
                () -> session.createConsumer(exchange -> { }));
        assertTrue(consumer.getMessage().contains("sip-recorder:session is a producer"), consumer.getMessage());
    }

    @Test
    void anUnknownPathIsRefusedWhenTheEndpointIsCreated() {
        for (String uri : new String[] {"sip-recorder:recorders", "sip-recorder:screen-recorder?messageTo=RAW()",
                "sip-recorder:Session"}) {
            ResolveEndpointFailedException error = assertThrows(ResolveEndpointFailedException.class,
                    () -> context.getEndpoint(uri));
            assertTrue(error.getMessage().contains("unknown endpoint 'sip-recorder:" + uri.substring(13).split("\\?")[0]
                    + "': use sip-recorder:session, sip-recorder:events, sip-recorder:message"), error.getMessage());
        }
    }

    @Test
    void messageToAndBatchBelongToOneKindOfEndpointEach() {
        assertRefused("sip-recorder:session?messageTo=sip:screen@192.0.2.5", "messageTo is an option of sip-recorder:message");
        assertRefused("sip-recorder:events?messageTo=sip:screen@192.0.2.5", "messageTo is an option of sip-recorder:message");
        assertRefused("sip-recorder:message?batch=true", "batch is an option of sip-recorder:session");
        assertRefused("sip-recorder:events?batch=true", "batch is an option of sip-recorder:session");
    }

    @Test
    void theListeningPointBelongsToTheComponent() {
        for (String option : new String[] {"host=192.0.2.1", "port=5070", "transport=tcp", "keepaliveMs=100"}) {
            assertRefused("sip-recorder:session?" + option, "belongs to the component");
        }
    }

    @Test
    void unknownAndBadOptionsAreRefusedWithTheOptionNamed() {
        assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint("sip-recorder:session?timeout=5"));
        assertRefused("sip-recorder:session?failoverOnStatus=5x", "'5x'");
        assertRefused("sip-recorder:session?dialect=mgcp", "dialect");
        assertRefused("sip-recorder:session?msmlContentType=xml", "msmlContentType");
        assertRefused("sip-recorder:session?msmlMaxTime=2h", "msmlMaxTime");
        assertRefused("sip-recorder:session?msmlRecordDest=file:///{nope}.wav", "{nope}");
        assertRefused("sip-recorder:session?metadataNamespace=urn:ietf:params:xml:ns:recording:1", "metadataNamespace");
        assertRefused("sip-recorder:session?timeoutMs=0", "timeoutMs");
        assertRefused("sip-recorder:message?messageTo=RAW(sip:screen@192.0.2.5, mailto:screen@example.com)",
                "'mailto:screen@example.com'");
        assertRefused("sip-recorder:message?messageTo=RAW(screen.example.com)", "messageTo must list SIP URIs");
        assertRefused("sip-recorder:message?messageTo=sip:screen@192.0.2.5&messageContentType=json", "messageContentType");
    }

    private void assertRefused(String uri, String message) {
        ResolveEndpointFailedException error = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri));
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    @Test
    void theComponentIsAlsoConfiguredThroughItsConfigurationProperty() {
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
    void badKeepaliveOptionsAreRefusedWithTheOptionNamed() {
        for (String[] bad : new String[][] {{"keepaliveMs", "-1"}, {"keepaliveFailures", "0"},
                {"keepaliveRecorders", "sip:srs@127.0.0.1:5080, rec.example.com"}}) {
            SipRecorderConfiguration configuration = new SipRecorderConfiguration();
            PropertyBindingSupport.build().bind(context, configuration, bad[0], bad[1]);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, configuration::validate);
            assertTrue(error.getMessage().contains(bad[0]), error.getMessage());
        }
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
