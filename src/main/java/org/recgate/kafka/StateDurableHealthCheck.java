package org.recgate.kafka;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * {@code state-durable} in {@code /observe/health}: DOWN while acknowledged state changes wait to be
 * written to the state topic (docs/durable-state.md §11): a crash now would lose them. A readiness
 * check only: the gateway keeps serving meanwhile.
 */
public final class StateDurableHealthCheck extends AbstractHealthCheck {

    private final StateJournal journal;

    public StateDurableHealthCheck(StateJournal journal) {
        super("recgate", "state-durable");
        this.journal = journal;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long unwritten = journal.unwritten();
        builder.detail("unwritten", unwritten);
        if (journal.isDurable()) {
            builder.up();
        } else {
            builder.message(unwritten + " state changes are not written to the state topic yet (no broker answers)").down();
        }
    }
}
