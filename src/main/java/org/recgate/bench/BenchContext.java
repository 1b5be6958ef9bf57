package org.recgate.bench;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** What every phase works with: the options, the recorder, the clients, the Kafka watcher, the probe; {@code calls} numbers the calls. */
record BenchContext(BenchOptions options, Path workDir, SippProcess recorder, LoadClients clients,
                    IndicationWatcher indications, RecordingCycles cycles, ProcessProbe probe, AtomicLong calls,
                    org.recgate.kafka.StateTopic stateTopic) {
}
