package org.recgate.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * {@code check-config}'s look at a folder of route files, with nothing started: each file parses
 * as Camel YAML DSL, and every bean it names ({@code ref: name}, {@code #name} in an endpoint
 * option) is one the gateway binds. What only a running gateway can tell (a method, an expression,
 * an endpoint's options) is checked when the file is reloaded ({@link RouteTrial}).
 */
public final class RouteFileCheck {

    /** {@code ref: name}, {@code #name} and {@code #bean:name}, outside comments. */
    private static final Pattern BEAN = Pattern.compile("\\bref:\\s*[\"']?([A-Za-z_$][\\w$]*)|#(?:bean:)?([A-Za-z_$][\\w$]*)");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#\\s.*$|(^|\\s)#$");

    private final CamelContext context;
    private final List<String> beanNames;

    /** {@code context}: a context that is never started, only used to parse. */
    public RouteFileCheck(CamelContext context, List<String> beanNames) {
        this.context = context;
        this.beanNames = List.copyOf(beanNames);
    }

    /** The route files of {@code folder}, sorted by name. */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(RouteFileReloader.SUFFIX)).sorted().toList();
        }
    }

    /** Every problem of one file; empty when it is fine. */
    public List<RouteFileProblem> check(Path file) {
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            return List.of(new RouteFileProblem(file.getFileName().toString(), 0, "cannot read it (" + e.getMessage() + ")"));
        }
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context)
                    .findRoutesBuilders(List.of(ResourceHelper.fromString("file:" + file.toAbsolutePath(), content)))) {
                if (builder instanceof RouteBuilder routes) {
                    routes.configureRoutes(context);
                }
            }
        } catch (Exception e) {
            return List.of(RouteFileProblem.unparsable(file, content, e));
        }
        return unknownBeans(file, content);
    }

    private List<RouteFileProblem> unknownBeans(Path file, String content) {
        List<RouteFileProblem> problems = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher bean = BEAN.matcher(COMMENT.matcher(lines[i]).replaceFirst(""));
            while (bean.find()) {
                String name = bean.group(1) != null ? bean.group(1) : bean.group(2);
                if (!beanNames.contains(name)) {
                    problems.add(new RouteFileProblem(file.getFileName().toString(), i + 1, "no bean named '" + name
                            + "' (the gateway's beans: " + String.join(", ", beanNames) + ")"));
                }
            }
        }
        return problems;
    }
}
