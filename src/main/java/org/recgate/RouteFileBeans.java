package org.recgate;

import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.recgate.routes.RouteFileReloader;
import org.recgate.routes.RouteFilesHealthCheck;
import org.recgate.support.Meters;

/** The route-file reloader of {@code recgate.routes-dir} and its health check. */
final class RouteFileBeans {

    private RouteFileBeans() {
    }

    /**
     * With {@code recgate.routes-dir}, edited route files are tried before they replace the running
     * routes (docs/operations.md, "Editing route files"); the counters exist either way, at zero.
     */
    static void bind(CamelContext context, Meters meters) {
        String help = "Route file reloads, by outcome (rejected: the file's previous routes keep running)";
        Counter applied = meters.counter("recgate.route.reloads", help, "outcome", "applied");
        Counter rejected = meters.counter("recgate.route.reloads", help, "outcome", "rejected");
        String dir = GatewaySettings.optional(context.getPropertiesComponent(), StartupServices.ROUTES_DIR);
        if (dir.isEmpty()) {
            return;
        }
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        RouteFilesHealthCheck health = new RouteFilesHealthCheck(folder.toString());
        HealthCheckRegistry checks = HealthCheckRegistry.get(context);
        if (checks != null) {
            checks.register(health);
        }
        try {
            context.addService(new RouteFileReloader(folder, GatewayBeans.NAMES, health, applied, rejected), true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch the route files of " + folder, e);
        }
    }
}
