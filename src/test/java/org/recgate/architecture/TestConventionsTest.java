package org.recgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Timeout;

/**
 * Rules for the tests themselves: an integration test (real processes, sockets, a broker) that
 * hangs must fail on its own instead of stalling CI until its 90-minute limit.
 */
@AnalyzeClasses(packages = "org.recgate", importOptions = ImportOption.OnlyIncludeTests.class)
class TestConventionsTest {

    private static final ArchRule EVERY_IT_HAS_A_TIMEOUT = classes().that().haveSimpleNameEndingWith("IT")
            .and().areTopLevelClasses()
            .should().beAnnotatedWith(Timeout.class)
            .because("a hung integration test must fail by itself, not stall the build");

    @ArchTest
    void everyIntegrationTestHasATimeout(JavaClasses classes) {
        EVERY_IT_HAS_A_TIMEOUT.check(classes);
    }
}
