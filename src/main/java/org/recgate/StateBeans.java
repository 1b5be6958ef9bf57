package org.recgate;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.recgate.call.CallRegistry;
import org.recgate.gateway.recording.StateRestore;
import org.recgate.gateway.records.CallStateRecords;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.StateDurableHealthCheck;
import org.recgate.kafka.StateJournal;
import org.recgate.kafka.StateTopic;
import org.recgate.recording.RecordingRegistry;
import org.recgate.recording.RecordingRestore;
import org.recgate.support.Meters;

/**
 * Durable state (docs/durable-state.md §10-12): the state records of call-state.camel.yaml, the
 * journal that answers requests once their state is written, and the restore at start.
 */
final class StateBeans {

    /** A progress line per this many calls restored (and records read). */
    private static final int PROGRESS_EVERY = 10_000;

    private StateBeans() {
    }

    static void bind(CamelContext context, Meters meters, CallRegistry calls, RecordingRegistry recordings,
                     RecordingRestore restore, Clock clock) {
        Registry registry = context.getRegistry();
        PropertiesComponent properties = context.getPropertiesComponent();
        StateJournal journal = new StateJournal(Long.parseLong(setting(properties, "recgate.state.ack-wait-ms")));
        registry.bind("stateJournal", journal);
        registry.bind("callStateRecords", new CallStateRecords(calls, recordings, clock));
        StateTopic topic = new StateTopic(setting(properties, "recgate.kafka.topic.state"),
                setting(properties, "camel.component.kafka.brokers"),
                KafkaSecurity.from(key -> properties.resolveProperty(key).orElse(null)));
        // a request waits for the re-assertion at most as long as a takeover and a new session take
        long reassertWaitMs = 3 * Long.parseLong(setting(properties, "recgate.recorder.timeout-ms"));
        registry.bind("stateRestore", new StateRestore(topic, restore, PROGRESS_EVERY, reassertWaitMs));
        meters.gauge("recgate.state.unwritten", "State changes acknowledged to clients but not yet written to the state topic",
                journal, StateJournal::unwritten);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new StateDurableHealthCheck(journal));
        }
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException(key + " is not set"));
    }
}
