package org.recgate.routes;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.EventHelper;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads an edited route file of {@code recgate.routes-dir} so that a mistake cannot break the
 * gateway: the file is parsed and its routes built on trial ({@link RouteTrial}) before they
 * replace the running ones; a file that fails is refused with its line, counted, and reported by
 * {@link RouteFilesHealthCheck}, and the file's previous routes keep running. Should the new routes
 * still fail to start, the file's last good version is put back. docs/operations.md, "Editing route files".
 */
public final class RouteFileReloader extends FileWatcherResourceReloadStrategy {

    static final String SUFFIX = ".camel.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloader.class);

    private final Path folder;
    private final List<String> beanNames;
    private final RouteFilesHealthCheck health;
    private final Counter applied;
    private final Counter rejected;
    /** Each file's content as its running routes were built from it. */
    private final Map<Path, String> inForce = new ConcurrentHashMap<>();

    public RouteFileReloader(Path folder, List<String> beanNames, RouteFilesHealthCheck health, Counter applied,
                             Counter rejected) {
        super(folder.toString());
        this.folder = folder;
        this.beanNames = List.copyOf(beanNames);
        this.health = health;
        this.applied = applied;
        this.rejected = rejected;
        setFileFilter(file -> file.getName().endsWith(SUFFIX));
        setResourceReload((name, resource) -> reload(Path.of(name)));
    }

    @Override
    protected void doStart() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))::iterator) {
                inForce.put(file.toAbsolutePath().normalize(), Files.readString(file));
            }
        }
        super.doStart();
    }

    @Override
    protected String startupMessage(java.io.File dir) {
        return "Route files of " + dir + " are reloaded when edited; a file that does not load is refused and its"
                + " previous routes keep running";
    }

    /** One edit of one file; synchronized: the trial ids and the file's last good version are per reloader. */
    synchronized void reload(Path edited) {
        Path file = edited.toAbsolutePath().normalize();
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException gone) {
            LOG.info("Route file {} removed: its routes keep running until the gateway restarts", file.getFileName());
            return;
        } catch (IOException e) {
            refuse(new RouteFileProblem(file.getFileName().toString(), 0, "cannot read it (" + e.getMessage() + ")"));
            return;
        }
        if (content.isBlank() || content.equals(inForce.get(file))) {
            return; // an editor truncating before it writes, or a second event for the same write
        }
        Resource resource = ResourceHelper.fromString("file:" + file, content);
        try {
            new RouteTrial(getCamelContext(), beanNames).check(file, content);
        } catch (RouteFileProblem problem) {
            refuse(problem);
            return;
        }
        try {
            Set<String> ids = PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(List.of(resource));
            inForce.put(file, content);
            health.loaded(file.getFileName().toString());
            applied.increment();
            announce(ids);
            LOG.info("Route file {} reloaded: routes {} running", file.getFileName(), ids);
        } catch (Exception e) {
            refuse(RouteFileProblem.uncreatable(file, e, List.of(), beanNames));
            restore(file);
        }
    }

    private void refuse(RouteFileProblem problem) {
        rejected.increment();
        health.refused(problem);
        LOG.error("Route file not reloaded: {}; the previous routes of that file keep running", problem.getMessage());
    }

    /** The new routes passed their trial but did not start: the file's last good version goes back in. */
    private void restore(Path file) {
        String previous = inForce.get(file);
        if (previous == null) {
            return; // a new file: there was nothing before
        }
        try {
            PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(
                    List.of(ResourceHelper.fromString("file:" + file, previous)));
            LOG.info("Route file {}: the previous routes were put back", file.getFileName());
        } catch (Exception e) {
            LOG.error("Route file {}: the previous routes could not be put back either ({})", file.getFileName(),
                    RouteFileProblem.reasonOf(e));
        }
    }

    /** Camel's route-reloaded events, as its own reloader sends them (camel_routes_reloaded_routes). */
    private void announce(Set<String> ids) {
        int index = 1;
        for (String id : ids) {
            Route route = getCamelContext().getRoute(id);
            if (route != null) {
                EventHelper.notifyRouteReloaded(getCamelContext(), route, index, ids.size());
            }
            index++;
        }
    }
}
