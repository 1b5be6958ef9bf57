package org.recgate;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.recgate.gateway.ha.HaHealthCheck;
import org.recgate.gateway.ha.HaRole;
import org.recgate.gateway.ha.Takeover;
import org.recgate.gateway.recording.StateRestore;
import org.recgate.kafka.HaLease;
import org.recgate.kafka.HaMembership;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.StateJournal;
import org.recgate.support.LeadershipLease;
import org.recgate.support.Meters;
import org.slf4j.LoggerFactory;

/**
 * The hot-standby pair (docs/operations.md, "High availability (hot-standby pair)"): the role, its
 * gauge and health check always (without HA: active); with {@code recgate.ha.enabled=true} the
 * group membership and the takeover, which {@link StartupServices} prepares and joins.
 */
final class HaBeans {

    static final String ENABLED = "recgate.ha.enabled";
    static final String INSTANCE_ID = "recgate.ha.instance-id";
    static final String SESSION_TIMEOUT = "recgate.ha.session-timeout-ms";

    private HaBeans() {
    }

    /** A standby until the group says otherwise with HA on; active from the start without. */
    static HaRole role(PropertiesComponent properties) {
        return new HaRole(enabled(properties) ? HaRole.State.STANDBY : HaRole.State.ACTIVE);
    }

    static void bind(CamelContext context, Meters meters, HaRole role) {
        PropertiesComponent properties = context.getPropertiesComponent();
        boolean enabled = enabled(properties);
        meters.gauge("recgate.ha.active", "1 while this instance is the active one (always without HA), 0 while standby",
                role, HaRole::active);
        String instanceId = enabled ? setting(properties, INSTANCE_ID) : "";
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new HaHealthCheck(role, instanceId));
        }
        if (!enabled) {
            context.getRegistry().bind("leadershipLease", LeadershipLease.ALWAYS); // LeadershipLease.BEAN
            return;
        }
        int sessionTimeout = Integer.parseInt(setting(properties, SESSION_TIMEOUT));
        // fencing: every SIP request and Kafka record asks it first (docs/operations.md, "High availability")
        HaLease lease = HaLease.forSessionTimeout(sessionTimeout);
        context.getRegistry().bind("leadershipLease", lease);
        HaMembership membership = new HaMembership(setting(properties, "camel.component.kafka.brokers"),
                KafkaSecurity.from(key -> properties.resolveProperty(key).orElse(null)),
                kafkaGroup(properties), setting(properties, "recgate.kafka.topic.ha"), instanceId, sessionTimeout, lease);
        boolean state = Boolean.parseBoolean(setting(properties, "recgate.state.enabled"));
        StateRestore restore = state ? context.getRegistry().lookupByNameAndType("stateRestore", StateRestore.class) : null;
        StateJournal journal = state ? context.getRegistry().lookupByNameAndType("stateJournal", StateJournal.class) : null;
        context.getRegistry().bind("haTakeover", new Takeover(role, membership, context, restore,
                standbyRoutes(properties), instanceId, journal, Long.parseLong(setting(properties, "recgate.state.ack-wait-ms"))));
    }

    /**
     * {@code recgate.ha.enabled=true}: checked before anything starts. The call feed's consumer gets
     * the pair's session timeout, so a new active is given the call-events partitions of a killed one
     * as soon as it is given the leadership.
     */
    static void configureStandby(PropertiesComponent properties, boolean embedded) {
        if (setting(properties, INSTANCE_ID).isEmpty()) {
            throw new StartupException(ENABLED + "=true needs " + INSTANCE_ID
                    + ": a name of this instance, unique in the pair (e.g. its host name)");
        }
        if (embedded) {
            throw new StartupException(ENABLED + "=true needs " + StartupServices.KAFKA_BROKERS
                    + ": the instances of a pair share one Kafka cluster, not an embedded broker each");
        }
        int sessionTimeout;
        try {
            sessionTimeout = Integer.parseInt(setting(properties, SESSION_TIMEOUT));
        } catch (NumberFormatException e) {
            sessionTimeout = 0;
        }
        if (sessionTimeout < 1000) {
            throw new StartupException(SESSION_TIMEOUT + " is '" + setting(properties, SESSION_TIMEOUT)
                    + "': milliseconds, at least 1000 and within the brokers' group.min/max.session.timeout.ms");
        }
        properties.addOverrideProperty("camel.component.kafka.session-timeout-ms", Integer.toString(sessionTimeout));
        properties.addOverrideProperty("camel.component.kafka.heartbeat-interval-ms", Integer.toString(Math.max(100, sessionTimeout / 3)));
        LoggerFactory.getLogger(HaBeans.class).info("HA on: instance {} of group {}, starting as standby", setting(properties, INSTANCE_ID),
                kafkaGroup(properties));
    }

    /**
     * Whether the routes a standby keeps stopped start with the gateway: the route files'
     * {@code autoStartup: "{{recgate.auto-startup.<route id>:...}}"}, decided here for every start.
     * A route that does not start by itself and is stopped is UP in /observe/health, so a standby is
     * healthy (Camel's route checks take {@code autoStartup}, not an exclude pattern, into account).
     */
    static void decideAutoStartup(PropertiesComponent properties) {
        boolean startsActive = !enabled(properties);
        for (String route : List.of("state-restore", "tlib-listener", "call-events")) {
            properties.addOverrideProperty(Takeover.AUTO_STARTUP + route, Boolean.toString(startsActive
                    && standbyRoutes(properties).contains(route)));
        }
    }

    static boolean enabled(PropertiesComponent properties) {
        return Boolean.parseBoolean(setting(properties, ENABLED));
    }

    /**
     * The pair's Kafka consumer group: {@code recgate.ha.group} + {@code .ha}, since the call feed's
     * group ({@code recgate.kafka.group-id}) is named {@code recgate} too by default, and one group
     * cannot hold members of two subscriptions with different assignors.
     */
    static String kafkaGroup(PropertiesComponent properties) {
        return setting(properties, "recgate.ha.group") + ".ha";
    }

    /**
     * The routes a standby keeps stopped, in the order a takeover starts them: the re-assertion
     * first (its requests wait for nothing), then the listener, then the Kafka call feed; each only
     * when its settings would start it at all.
     */
    static List<String> standbyRoutes(PropertiesComponent properties) {
        List<String> routes = new ArrayList<>();
        if (Boolean.parseBoolean(setting(properties, "recgate.state.enabled"))) {
            routes.add("state-restore");
        }
        routes.add("tlib-listener");
        if (Boolean.parseBoolean(setting(properties, StartupServices.CALL_FEED_KAFKA))) {
            routes.add("call-events");
        }
        return routes;
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }
}
