package org.recgate.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Builds a route file's routes in the running context before they replace anything: each route
 * under a trial id, fed from a {@code direct:} endpoint of its own and not started, so every bean,
 * method, endpoint, expression and placeholder is resolved as it will be, then removed again.
 * Camel's own reload removes the old route first and so loses it when the new one cannot be made
 * (docs/configuration.md, "Route files").
 */
final class RouteTrial {

    private static final String PREFIX = "route-trial-";

    private final CamelContext context;
    private final List<String> beanNames;

    RouteTrial(CamelContext context, List<String> beanNames) {
        this.context = context;
        this.beanNames = beanNames;
    }

    /** The file's routes can be created; otherwise the problem with its line. */
    void check(Path file, String content) throws RouteFileProblem {
        List<RouteDefinition> trials = parse(file, content);
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<Endpoint> createdEndpoints = new ArrayList<>();
        try {
            for (RouteDefinition trial : trials) {
                createdEndpoints.addAll(checkInput(file, trial));
            }
            model.addRouteDefinitions(trials);
        } catch (RouteFileProblem problem) {
            throw problem;
        } catch (Exception e) {
            throw RouteFileProblem.uncreatable(file, e, trials, beanNames);
        } finally {
            remove(model, trials, createdEndpoints);
        }
    }

    /** The file as route definitions, renamed for the trial (none are added to the context). */
    private List<RouteDefinition> parse(Path file, String content) throws RouteFileProblem {
        Resource resource = ResourceHelper.fromString("file:" + file, content);
        List<RouteDefinition> trials = new ArrayList<>();
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
                if (builder instanceof RouteBuilder routes) {
                    for (RouteDefinition route : routes.configureRoutes(context).getRoutes()) {
                        route.setId(PREFIX + (route.getId() != null ? route.getId() : "route" + trials.size()));
                        route.setAutoStartup("false");
                        trials.add(route);
                    }
                }
            }
        } catch (Exception e) {
            throw RouteFileProblem.unparsable(file, content, e);
        }
        return trials;
    }

    /**
     * The route's own consumer endpoint is created (its options and {@code #bean} references
     * checked) but not started; the trial route is fed from a {@code direct:} of its own instead,
     * so it never competes with the running route for the listener port or the direct endpoint.
     * Returns the endpoint this made, if it is not one the context had already (the running
     * route's own, when the file left it as it was), to remove afterwards.
     */
    private List<Endpoint> checkInput(Path file, RouteDefinition trial) throws RouteFileProblem {
        String uri = trial.getInput().getEndpointUri();
        List<Endpoint> made = new ArrayList<>();
        try {
            if (uri != null) {
                List<Endpoint> before = List.copyOf(context.getEndpoints());
                Endpoint endpoint = context.getEndpoint(uri);
                if (before.stream().noneMatch(existing -> existing == endpoint)) {
                    made.add(endpoint);
                }
            }
        } catch (RuntimeException e) {
            throw new RouteFileProblem(file.getFileName().toString(), Math.max(0, trial.getInput().getLineNumber()),
                    RouteFileProblem.reasonOf(e, beanNames));
        }
        trial.getInput().setUri("direct:" + trial.getId());
        return made;
    }

    private void remove(Model model, List<RouteDefinition> trials, List<Endpoint> createdEndpoints) {
        for (RouteDefinition trial : trials) {
            try {
                if (context.getRoute(trial.getId()) != null) {
                    context.getRouteController().stopRoute(trial.getId());
                    context.removeRoute(trial.getId());
                }
                model.removeRouteDefinition(trial);
            } catch (Exception e) {
                throw new IllegalStateException("cannot remove the trial route " + trial.getId(), e);
            }
        }
        try {
            context.removeEndpoints("direct://" + PREFIX + "*");
            for (Endpoint endpoint : createdEndpoints) {
                context.removeEndpoint(endpoint); // never one the running routes use: see checkInput
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot remove the trial endpoints", e);
        }
    }
}
