package org.recgate.gateway.ha;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code ha} in {@code /observe/health}: the instance's role ({@code role: active}, {@code standby},
 * {@code taking-over}, {@code stepping-down}; always {@code active} without HA). UP in every role: a
 * standby is healthy, and a DOWN would make a container manager restart it.
 */
public final class HaHealthCheck extends AbstractHealthCheck {

    private final HaRole role;
    private final String instanceId;

    public HaHealthCheck(HaRole role, String instanceId) {
        super("recgate", "ha");
        this.role = role;
        this.instanceId = instanceId;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("role", role.role());
        if (!instanceId.isEmpty()) {
            builder.detail("instance", instanceId);
        }
        builder.message("role: " + role.role()).up();
    }
}
