package org.recgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.config.CredentialPolicy;
import org.recgate.config.DnFile;
import org.recgate.config.DnFileException;
import org.recgate.routes.RouteFileCheck;
import org.recgate.routes.RouteFileProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar recgate.jar check-config}: reads the DN file and the route files the gateway
 * would use, with the same checks and messages, and starts nothing (no listener, no Kafka, no
 * file written). Every problem is listed; exit 0 when there is none, 1 otherwise.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Checks the DN file and the route files without starting anything; lists every problem.",
            "Without options: the files the gateway would use (recgate.dn-file, recgate.routes-dir)."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:no problem", "1:problems (each one listed)"})
final class CheckConfig implements Callable<Integer> {

    @Option(names = "--dn-file", paramLabel = "FILE", description = "the DN file (default: recgate.dn-file)")
    Path dnFile;

    @Option(names = "--routes-dir", paramLabel = "DIR",
            description = "a folder of *.camel.yaml route files (default: recgate.routes-dir; empty: the jar's own)")
    Path routesDir;

    private final PrintStream out;
    private final PrintStream err;

    CheckConfig(Streams streams) {
        this.out = streams.out();
        this.err = streams.err();
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext(false)) {
            // the settings as the gateway resolves them: application.properties, environment, -D
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation("classpath:application.properties");
            checkDnFile(properties, problems);
            checkRoutes(context, properties, problems);
        }
        problems.forEach(err::println);
        if (problems.isEmpty()) {
            out.println("check-config: no problem found");
            return 0;
        }
        err.println("check-config: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return 1;
    }

    private void checkDnFile(PropertiesComponent properties, List<String> problems) throws IOException {
        Path file = dnFile != null ? dnFile : Path.of(setting(properties, "recgate.dn-file"));
        try {
            DnFile loaded;
            if (Files.exists(file) || dnFile != null) {
                loaded = DnFile.load(file);
            } else {
                out.println(file + ": not there, the gateway would use the bundled demo DN file (checked)");
                try (InputStream in = CheckConfig.class.getClassLoader().getResourceAsStream("dns.yaml")) {
                    loaded = DnFile.parse(in, "classpath:dns.yaml");
                }
            }
            CredentialPolicy.forListeners(setting(properties, "recgate.tlib.host"), SecuritySettings.apiHost(properties)).check(loaded);
            out.println(loaded.source() + ": " + loaded.applications().size() + " applications, "
                    + loaded.dns().size() + " DNs");
        } catch (DnFileException e) {
            problems.addAll(e.problems());
        }
    }

    private void checkRoutes(DefaultCamelContext context, PropertiesComponent properties, List<String> problems)
            throws IOException {
        Path dir = routesDir;
        if (dir == null) {
            String configured = setting(properties, StartupServices.ROUTES_DIR);
            if (configured.isEmpty()) {
                out.println("routes: the jar's own (recgate.routes-dir is empty)");
                return;
            }
            dir = Path.of(configured);
        }
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": not a folder (recgate.routes-dir)");
            return;
        }
        RouteFileCheck check = new RouteFileCheck(context, GatewayBeans.NAMES);
        List<Path> files = RouteFileCheck.files(dir);
        for (Path file : files) {
            for (RouteFileProblem problem : check.check(file)) {
                problems.add(dir.resolve(problem.getMessage()).toString());
            }
        }
        out.println(dir + ": " + files.size() + " route files");
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }
}
