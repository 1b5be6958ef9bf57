package org.recgate.routes;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code route-files} in {@code /observe/health}: DOWN while an edited route file of
 * {@code recgate.routes-dir} was refused, UP again once a good version of it loads. The previous
 * routes of that file keep serving meanwhile, but what is running is not what the folder says.
 */
public final class RouteFilesHealthCheck extends AbstractHealthCheck {

    private final String folder;
    private final Map<String, String> refused = new ConcurrentSkipListMap<>();

    public RouteFilesHealthCheck(String folder) {
        super("recgate", "route-files");
        this.folder = folder;
    }

    @Override
    public boolean isLiveness() {
        return false; // the gateway serves with its previous routes: not ready for the edit, but alive
    }

    void refused(RouteFileProblem problem) {
        refused.put(problem.file(), problem.getMessage());
    }

    void loaded(String file) {
        refused.remove(file);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("routes-dir", folder);
        if (refused.isEmpty()) {
            builder.up();
            return;
        }
        refused.forEach(builder::detail);
        builder.message("route files not loaded, their previous routes keep running: "
                + String.join("; ", refused.values())).down();
    }
}
