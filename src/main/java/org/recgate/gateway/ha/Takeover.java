package org.recgate.gateway.ha;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.recgate.gateway.ha.HaRole.State;
import org.recgate.gateway.recording.StateRestore;
import org.recgate.kafka.HaMembership;
import org.recgate.kafka.StateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a standby does when the group gives it the leadership (docs/operations.md, "High
 * availability"): what a restart does (docs/durable-state.md §12): the state topic read to its end
 * ({@link StateRestore#load}), then the routes a standby keeps stopped are started in order: the
 * route state-restore (the target-refresh re-INVITE of every restored recording from this
 * instance's SIP address), the T-Library listener, the Kafka call feed. And what it does when it
 * loses the leadership: the listener and the feed are stopped. The role changes on one thread of
 * its own, never on the membership's (its heartbeats must go on meanwhile).
 */
public final class Takeover implements HaMembership.Leadership, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);
    /**
     * Not settings: the routes' {@code autoStartup} placeholders (route files), decided at start and
     * changed with the role, so a route file reloaded later (recgate.routes-dir) starts its route or
     * leaves it stopped as the role says.
     */
    public static final String AUTO_STARTUP = "recgate.auto-startup.";

    private final HaRole role;
    private final HaMembership membership;
    private final CamelContext context;
    private final StateRestore restore;
    private final List<String> routes;
    private final String instanceId;
    private final StateJournal journal;
    private final long flushWaitMs;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "recgate-ha-takeover");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param restore null when the state topic is off ({@code recgate.state.enabled=false})
     * @param routes the routes a standby keeps stopped, in the order a takeover starts them
     * @param journal the state records on their way to Kafka, written before a planned handover
     *        leaves the group; null when the state topic is off
     * @param flushWaitMs how long a handover waits for them (a broker that does not answer must not hold the stop)
     */
    public Takeover(HaRole role, HaMembership membership, CamelContext context, StateRestore restore, List<String> routes,
                    String instanceId, StateJournal journal, long flushWaitMs) {
        this.journal = journal;
        this.flushWaitMs = flushWaitMs;
        this.role = role;
        this.membership = membership;
        this.context = context;
        this.restore = restore;
        this.routes = List.copyOf(routes);
        this.instanceId = instanceId;
    }

    /** Before the routes start: the control topic, and an instance id nobody else in the group has. */
    public void prepare() throws IOException {
        membership.prepare();
    }

    /** Once the gateway is up (as a standby): into the group. */
    public void join() {
        membership.join(this);
    }

    @Override
    public void acquired() {
        if (role.transition(State.STANDBY, State.TAKING_OVER)) {
            worker.execute(this::takeOver);
        }
    }

    @Override
    public void lost(String why) {
        worker.execute(() -> stepDown(why));
    }

    private void takeOver() {
        long started = System.nanoTime();
        LOG.info("HA: instance {} holds the leadership: taking over", instanceId);
        int recordings = 0;
        try {
            if (restore != null) {
                restore.load();
                recordings = restore.restoredRecordings();
            }
            for (String route : routes) {
                context.getPropertiesComponent().addOverrideProperty(AUTO_STARTUP + route, "true");
                context.getRouteController().startRoute(route);
            }
        } catch (Exception e) {
            LOG.error("HA: instance {} could not take over ({}): it leaves the group so that another instance can;"
                    + " restart it to join again", instanceId, e.getMessage());
            stepDown("the takeover failed");
            return;
        }
        if (!role.transition(State.TAKING_OVER, State.ACTIVE)) {
            return; // the leadership went meanwhile: the step-down is queued behind this task
        }
        long openedMs = millisSince(started);
        int taken = recordings;
        CompletionStage<Void> reasserted = restore == null ? CompletableFuture.completedFuture(null) : restore.awaitReasserted();
        reasserted.thenRun(() -> LOG.info("HA: instance {} is active: {} recordings taken over in {} ms"
                + " (T-Library listener open after {} ms)", instanceId, taken, millisSince(started), openedMs));
    }

    /**
     * The listener and the call feed closed. The calls in memory are those of the moment the
     * leadership went, already stale, so the instance also leaves the group: taken over again with
     * them it would act on old state; a restart makes it a clean standby.
     */
    private void stepDown(String why) {
        if (!role.transition(State.ACTIVE, State.STEPPING_DOWN) && !role.transition(State.TAKING_OVER, State.STEPPING_DOWN)) {
            return;
        }
        stopRoutes();
        role.transition(State.STEPPING_DOWN, State.STANDBY);
        LOG.error("HA: instance {} lost the leadership ({}): T-Library listener and call feed closed; it leaves the group"
                + " (its calls are stale): restart it to rejoin as standby", instanceId, why);
        membership.close();
    }

    /**
     * A planned switchover (SIGTERM of the active), before anything else stops: no request is taken
     * any more (listener and call feed stopped, requests in flight finish), the state records they
     * made are written to the state topic, and only then the group is left, so the standby, assigned
     * at once, reads a state topic that holds every change this instance acknowledged. Nothing here
     * ends a recording: the SIP stack stops later without BYE (recgate.shutdown.end-recordings=false).
     */
    public void handOver() {
        long started = System.nanoTime();
        if (!role.transition(State.ACTIVE, State.STEPPING_DOWN)) {
            membership.close(); // a standby, or taking over: out of the group, nothing to hand over
            return;
        }
        stopRoutes();
        long closedMs = millisSince(started);
        boolean written = true;
        if (journal != null) {
            try {
                journal.awaitDurable().toCompletableFuture().get(flushWaitMs, TimeUnit.MILLISECONDS);
                written = journal.unwritten() == 0;
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                written = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                written = false;
            }
        }
        long writtenMs = millisSince(started);
        membership.close();
        role.transition(State.STEPPING_DOWN, State.STANDBY);
        if (written) {
            LOG.info("HA: instance {} handed over: listener and call feed closed after {} ms, state written after {} ms,"
                    + " group left after {} ms", instanceId, closedMs, writtenMs, millisSince(started));
        } else {
            LOG.warn("HA: instance {} handed over with {} state records not written within {} ms (no broker answers):"
                    + " the next active may not know the latest changes", instanceId, journal.unwritten(), flushWaitMs);
        }
    }

    /**
     * The call feed, the listener and the re-assertion stopped side by side (one waits for its Kafka
     * poll, another for Netty's unbind: in a row they would add up to the switchover's unavailability);
     * back when all have stopped.
     */
    private void stopRoutes() {
        List<CompletableFuture<Void>> stopping = new java.util.ArrayList<>();
        for (String route : routes) {
            context.getPropertiesComponent().addOverrideProperty(AUTO_STARTUP + route, "false");
            stopping.add(CompletableFuture.runAsync(() -> {
                try {
                    context.getRouteController().stopRoute(route);
                } catch (Exception e) {
                    LOG.error("HA: the route {} did not stop: {}", route, e.getMessage());
                }
            }));
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** At stop: out of the group (the other instance is assigned at once), no takeover begun any more. */
    @Override
    public void close() {
        membership.close();
        worker.shutdownNow();
    }
}
