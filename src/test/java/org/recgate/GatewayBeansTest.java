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

/** {@link GatewayBeans#NAMES} is what RecGateConfiguration and its area classes bind, and covers every name the shipped route files use. */
class GatewayBeansTest {

    @Test
    void theNamesAreTheBindings() throws Exception {
        Set<String> bound = new TreeSet<>();
        Pattern binding = Pattern.compile("[rR]egistry(?:\\(\\))?\\.bind\\(\"(\\w+)\"");
        // RecGateConfiguration and its areas (DnFileBeans, TlibBeans, ...): the app package's classes
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/recgate"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher bind = binding.matcher(Files.readString(file));
                while (bind.find()) {
                    bound.add(bind.group(1));
                }
            }
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
