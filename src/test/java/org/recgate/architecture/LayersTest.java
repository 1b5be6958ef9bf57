package org.recgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;

/**
 * The layers of docs/architecture.md ("How the code is laid out"), top to bottom: a class may use
 * its own layer and the layers below it, never one above; and no two packages use each other,
 * directly or round a loop. A new upward import or a new cycle fails here.
 * <p>
 * The rules are fields run by {@code @ArchTest} methods: Surefire 3.5.3 does not run
 * {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "org.recgate", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String[] APP = {"org.recgate", "org.recgate.cli..", "org.recgate.bench..", "org.recgate.routes.."};
    private static final String[] WIRE = {"org.recgate.tlib.server..", "org.recgate.tlib.codec.."};
    private static final String[] GATEWAY = {"org.recgate.gateway.."};
    private static final String[] DOMAIN = {"org.recgate.session..", "org.recgate.call..", "org.recgate.recording..",
            "org.recgate.userevent..", "org.recgate.config.."};
    private static final String[] ADAPTERS = {"org.recgate.sip..", "org.recgate.kafka.."};
    private static final String[] KERNEL = {"org.recgate.tlib.model..", "org.recgate.tlib.json..", "org.recgate.support.."};

    private static final ArchRule LAYERS_ONLY_USE_THE_LAYERS_BELOW = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("app").definedBy(APP)
            .layer("wire").definedBy(WIRE)
            .layer("gateway").definedBy(GATEWAY)
            .layer("domain").definedBy(DOMAIN)
            .layer("adapters").definedBy(ADAPTERS)
            .layer("kernel").definedBy(KERNEL)
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .whereLayer("wire").mayOnlyBeAccessedByLayers("app")
            .whereLayer("gateway").mayOnlyBeAccessedByLayers("app", "wire")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("app", "wire", "gateway")
            .whereLayer("adapters").mayOnlyBeAccessedByLayers("app", "wire", "gateway", "domain")
            .whereLayer("kernel").mayOnlyBeAccessedByLayers("app", "wire", "gateway", "domain", "adapters");

    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.recgate.(**)").should().beFreeOfCycles();

    /** The Exchange-facing half of a request lives in the gateway layer; the domain takes domain values. */
    private static final ArchRule THE_DOMAIN_KNOWS_NO_EXCHANGE = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().belongToAnyOf(Exchange.class, Message.class, Header.class, Body.class,
                    ExchangeProperty.class)
            .because("route steps (org.recgate.gateway) move values between exchanges and the domain");

    /** Only the listener knows the transport: sessions, calls and recordings never see a Netty channel. */
    private static final ArchRule ONLY_THE_WIRE_KNOWS_NETTY = noClasses().that().resideOutsideOfPackages(WIRE)
            .and().resideOutsideOfPackages("org.recgate.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.netty..");

    @ArchTest
    void layersOnlyUseTheLayersBelow(JavaClasses classes) {
        LAYERS_ONLY_USE_THE_LAYERS_BELOW.check(classes);
    }

    @ArchTest
    void noPackageCycles(JavaClasses classes) {
        NO_PACKAGE_CYCLES.check(classes);
    }

    @ArchTest
    void theDomainKnowsNoExchange(JavaClasses classes) {
        THE_DOMAIN_KNOWS_NO_EXCHANGE.check(classes);
    }

    @ArchTest
    void onlyTheWireKnowsNetty(JavaClasses classes) {
        ONLY_THE_WIRE_KNOWS_NETTY.check(classes);
    }
}
