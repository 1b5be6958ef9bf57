package org.recgate.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * What is wrong with a route file, in one line an operator can act on: the file, the line, and the
 * reason without Camel's dump of the route ({@code tlib-user-events.camel.yaml line 12: no bean named
 * 'userEventStep'}). docs/configuration.md, "Route files".
 */
public final class RouteFileProblem extends Exception {

    /** snakeyaml's and Camel YAML DSL's own mark: "in file:..., line 14, column 19:". */
    private static final Pattern YAML_MARK = Pattern.compile("line (\\d+), column \\d+");
    private static final Pattern UNSUPPORTED = Pattern.compile("Unsupported field: (\\S+)");
    /** The step Camel could not create: "at: >>> Bean[ref:x method:y] <<< in route: ...". */
    private static final Pattern FAILED_STEP = Pattern.compile(">>> (.*?) <<<", Pattern.DOTALL);

    private final String file;

    /** {@code line} 1-based; 0 when no line can be named. */
    public RouteFileProblem(String file, int line, String reason) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason);
        this.file = file;
    }

    /** The file's name (the folder is {@code recgate.routes-dir}). */
    public String file() {
        return file;
    }

    /** A file that does not parse as Camel YAML DSL (syntax, a tab, an unknown key). */
    public static RouteFileProblem unparsable(Path file, String content, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
                String problem = marked.getProblem().contains("\\t(TAB)")
                        ? "a tab in the indentation: YAML indents with spaces only" : firstLine(marked.getProblem());
                String context = marked.getContext() == null ? "" : " (" + firstLine(marked.getContext()) + ")";
                int line = marked.getProblemMark().get().getLine() + 1;
                Matcher unknown = UNSUPPORTED.matcher(problem);
                if (unknown.matches()) {
                    // Camel marks the field's value, on the next line for a block: name the key's own line
                    line = keyLine(content, unknown.group(1), line);
                    problem = "unknown key '" + unknown.group(1) + "'";
                }
                return new RouteFileProblem(name(file), line, problem + context);
            }
            Matcher mark = YAML_MARK.matcher(String.valueOf(cause.getMessage()));
            if (mark.find()) {
                return new RouteFileProblem(name(file), Integer.parseInt(mark.group(1)), firstLine(cause.getMessage()));
            }
        }
        return new RouteFileProblem(name(file), 0, reasonOf(failure));
    }

    /**
     * A file that parses but whose routes cannot be created: the line of the step Camel names (found
     * among {@code routes}, the file's definitions), else of the route; the deepest cause's reason.
     */
    public static RouteFileProblem uncreatable(Path file, Throwable failure, List<RouteDefinition> routes,
                                               List<String> beanNames) {
        int line = 0;
        for (Throwable cause = failure; cause != null && line == 0; cause = cause.getCause()) {
            if (cause instanceof FailedToCreateRouteException created) {
                line = lineOfStep(created.getMessage(), routes).orElse(lineOfRoute(created.getRouteId(), routes));
            }
        }
        return new RouteFileProblem(name(file), line, reasonOf(failure, beanNames));
    }

    /** The last line at or before {@code marked} where {@code key:} stands. */
    private static int keyLine(String content, String key, int marked) {
        String[] lines = content.split("\n", -1);
        Pattern keyPattern = Pattern.compile("^\\s*(- )?" + Pattern.quote(key) + "\\s*:");
        for (int i = Math.min(marked, lines.length) - 1; i >= 0; i--) {
            if (keyPattern.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return marked;
    }

    static String reasonOf(Throwable failure) {
        return reasonOf(failure, List.of());
    }

    static String reasonOf(Throwable failure, List<String> beanNames) {
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchBeanException missing) {
                return "no bean named '" + missing.getName() + "'"
                        + (beanNames.isEmpty() ? "" : " (the gateway's beans: " + String.join(", ", beanNames) + ")");
            }
            deepest = cause;
        }
        return firstLine(deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage());
    }

    private static OptionalInt lineOfStep(String message, List<RouteDefinition> routes) {
        Matcher step = FAILED_STEP.matcher(String.valueOf(message));
        if (!step.find()) {
            return OptionalInt.empty();
        }
        String failed = step.group(1);
        for (RouteDefinition route : routes) {
            for (ProcessorDefinition<?> node : steps(route.getOutputs())) {
                if (node.getLineNumber() > 0 && failed.equals(node.toString())) {
                    return OptionalInt.of(node.getLineNumber());
                }
            }
        }
        if (failed.startsWith("From[") || failed.startsWith("from[")) {
            return routes.stream().filter(r -> r.getInput() != null && r.getInput().getLineNumber() > 0)
                    .mapToInt(r -> r.getInput().getLineNumber()).findFirst();
        }
        return OptionalInt.empty();
    }

    private static int lineOfRoute(String routeId, List<RouteDefinition> routes) {
        return routes.stream().filter(r -> routeId != null && routeId.endsWith(String.valueOf(r.getId())))
                .mapToInt(RouteDefinition::getLineNumber).filter(n -> n > 0).findFirst().orElse(0);
    }

    /** Every step, depth first, choice branches included. */
    private static List<ProcessorDefinition<?>> steps(List<ProcessorDefinition<?>> outputs) {
        List<ProcessorDefinition<?>> all = new ArrayList<>();
        for (ProcessorDefinition<?> node : outputs) {
            all.add(node);
            if (node instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> all.addAll(steps(when.getOutputs())));
                if (choice.getOtherwise() != null) {
                    all.addAll(steps(choice.getOtherwise().getOutputs()));
                }
            } else {
                all.addAll(steps(node.getOutputs()));
            }
        }
        return all;
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
