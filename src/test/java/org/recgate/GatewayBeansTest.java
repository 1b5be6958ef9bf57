package org.recgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link GatewayBeans#NAMES} is what RecGateConfiguration binds, and covers every name the shipped route files use. */
class GatewayBeansTest {

    @Test
    void theNamesAreTheBindings() throws Exception {
        String wiring = Files.readString(Path.of("src/main/java/org/recgate/RecGateConfiguration.java"));
        Set<String> bound = new TreeSet<>();
        Matcher bind = Pattern.compile("registry\\.bind\\(\"(\\w+)\"").matcher(wiring);
        while (bind.find()) {
            bound.add(bind.group(1));
        }
        assertEquals(bound, new TreeSet<>(GatewayBeans.NAMES));
    }

    @Test
    void theShippedRouteFilesUseOnlyThoseNames() throws Exception {
        Pattern reference = Pattern.compile("ref: *(\\w+)|#(\\w+)");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = reference.matcher(Files.readString(file));
                while (name.find()) {
                    String bean = name.group(1) != null ? name.group(1) : name.group(2);
                    assertTrue(GatewayBeans.NAMES.contains(bean), file + " uses " + bean);
                }
            }
        }
    }
}
