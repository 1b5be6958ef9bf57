package org.recgate.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who of a hot-standby pair is active (docs/operations.md, "High availability"), from Kafka's own
 * consumer-group protocol, no election of ours: every instance is a member of group
 * {@code recgate.ha.group} subscribed to the one-partition control topic, and the member the group
 * assigns partition 0 is the active one. The coordinator notices a member that stopped heart-beating
 * within the session timeout and gives the partition to another. The cooperative sticky assignor
 * keeps it where it is when a member joins, so a restarted instance joins as standby instead of
 * taking the partition back. Nothing is ever written to or read from the control topic.
 * <p>
 * While it holds partition 0 it keeps the {@link HaLease} (fencing): after each poll it commits
 * offset 0 of partition 0, which the coordinator takes only from the member of the group's current
 * generation (a member it expired gets {@code UNKNOWN_MEMBER_ID} / {@code ILLEGAL_GENERATION}), and
 * renews the lease from when that commit began, when the heartbeat thread is alive too (its
 * {@code last-heartbeat-seconds-ago}, of {@code consumer-coordinator-metrics}, within the session
 * timeout; that metric counts from the last heartbeat sent, answered or not, so it alone proves
 * nothing after a hang: a heartbeat goes out as soon as the process goes on).
 */
public final class HaMembership implements AutoCloseable {

    /** What the membership tells the gateway; called on the membership's own thread, so it must hand work off. */
    public interface Leadership {
        void acquired();

        void lost(String why);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HaMembership.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int HEARTBEAT_MS = 300;
    /** How long a poll waits: the rejoin after a heartbeat heard of a rebalance happens in the next poll. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final String brokers;
    private final KafkaSecurity security;
    private final String group;
    private final String topic;
    private final String instanceId;
    private final int sessionTimeoutMs;
    private final TopicPartition leader;
    private final HaLease lease;
    private volatile boolean closing;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    public HaMembership(String brokers, KafkaSecurity security, String group, String topic, String instanceId,
                        int sessionTimeoutMs, HaLease lease) {
        this.brokers = brokers;
        this.security = security;
        this.group = group;
        this.topic = topic;
        this.instanceId = instanceId;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.leader = new TopicPartition(topic, 0);
        this.lease = lease;
    }

    /**
     * Before the gateway starts: makes the control topic when missing (one partition: one leader),
     * and refuses an instance id another member of the group has. A member that was killed stays in
     * the group until its session times out, so one with our id is waited for that long first.
     */
    public void prepare() throws IOException {
        try (Admin admin = Admin.create(security.clientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers)))) {
            if (!admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
                int nodes = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
                createTopic(admin, new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, nodes))));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs + 3000L);
            MemberDescription same = memberWithOurId(admin);
            while (same != null && System.nanoTime() < deadline) {
                Thread.sleep(500); // the coordinator's session timer, not ours, decides; we only look again
                same = memberWithOurId(admin);
            }
            if (same != null) {
                throw new IOException("recgate.ha.instance-id=" + instanceId + " is already a member of the HA group " + group
                        + " (client at " + same.host() + "): each instance of the pair needs an id of its own");
            }
        } catch (ExecutionException e) {
            throw new IOException("cannot prepare the HA group " + group + " at " + brokers + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing the HA group " + group, e);
        } catch (TimeoutException e) {
            throw new IOException("no Kafka broker at " + brokers + " answered within " + TIMEOUT.toSeconds()
                    + " s: the HA group " + group + " cannot be joined", e);
        }
    }

    private static void createTopic(Admin admin, NewTopic newTopic) throws ExecutionException, InterruptedException,
            TimeoutException {
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // the other instance made it meanwhile
                throw e;
            }
        }
    }

    private MemberDescription memberWithOurId(Admin admin) throws ExecutionException, InterruptedException,
            TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
        return description.members().stream().filter(m -> instanceId.equals(m.clientId())).findFirst().orElse(null);
    }

    /** Joins the group on a thread of its own; {@code leadership} hears when partition 0 comes and goes. */
    public synchronized void join(Leadership leadership) {
        Map<String, Object> config = new HashMap<>(security.clientProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, instanceId,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs,
                // at least three heartbeats per session, as Kafka recommends (heartbeat.interval.ms, consumer
                // configs), and at most HEARTBEAT_MS apart: a member hears of a rebalance (the active left the
                // group at a planned switchover) with its next heartbeat, so that bounds the standby's start
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, Math.min(HEARTBEAT_MS, sessionTimeoutMs / 3)),
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")));
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(() -> run(leadership), "recgate-ha");
        thread.setDaemon(true);
        thread.start();
        LOG.info("HA: instance {} joined group {} on {} (session timeout {} ms), standby until the group gives it the"
                + " leadership", instanceId, group, topic, sessionTimeoutMs);
    }

    private void run(Leadership leadership) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (partitions.contains(leader)) {
                        lease.renew(System.nanoTime()); // the group's SyncGroup answer just gave it: confirmed
                        leadership.acquired();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (partitions.contains(leader)) {
                        lease.revoke();
                        leadership.lost("partition 0 of " + topic + " revoked");
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    if (partitions.contains(leader)) {
                        lease.revoke();
                        leadership.lost("partition 0 of " + topic + " lost (no heartbeat within the session timeout)");
                    }
                }
            });
            // several confirmations per lease, so one slow commit does not let it run out
            // and at most POLL apart: the rejoin after a rebalance (a planned switchover) waits for it
            Duration poll = Duration.ofMillis(Math.max(50, Math.min(POLL.toMillis(), lease.lengthMs() / 4)));
            while (!closing) {
                consumer.poll(poll); // the rebalance callbacks run in here
                if (consumer.assignment().contains(leader)) {
                    confirm();
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            lease.revoke();
            LOG.error("HA: the group membership of instance {} ended: {}", instanceId, e.toString());
            leadership.lost("the group membership ended: " + e.getMessage());
        } finally {
            lease.revoke();
            consumer.close(Duration.ofSeconds(5)); // leaves the group: the other instance is assigned at once
        }
    }

    /**
     * Renews the lease when the coordinator takes an offset commit of partition 0 from this member
     * (it refuses one from a member of an older generation, or one it no longer knows) and the
     * heartbeat thread sent a heartbeat within the session timeout. A refused or unanswered commit
     * renews nothing: the lease runs out, and the poll that learns the partition is gone steps down.
     */
    private void confirm() {
        long started = System.nanoTime();
        boolean lapsed = !lease.held();
        try {
            consumer.commitSync(Map.of(leader, new OffsetAndMetadata(0)), Duration.ofMillis(Math.max(50, lease.lengthMs() / 2)));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debug("HA: membership not confirmed ({}): the leadership lease is not renewed", e.toString());
            return;
        }
        double heartbeatAgo = secondsSinceHeartbeat();
        if (heartbeatAgo * 1000 < sessionTimeoutMs) {
            lease.renew(started);
            if (lapsed) { // a slow coordinator, a long rebalance or pause: what was due meanwhile was not sent
                LOG.warn("HA: instance {} held partition 0 without a confirmed membership for a while: its leadership lease"
                        + " had run out (SIP requests and Kafka records meanwhile were not sent); confirmed again", instanceId);
            }
        }
    }

    /** The consumer's {@code last-heartbeat-seconds-ago} (whole seconds since a heartbeat was sent); infinite when none yet. */
    private double secondsSinceHeartbeat() {
        for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            if ("last-heartbeat-seconds-ago".equals(metric.getKey().name())
                    && "consumer-coordinator-metrics".equals(metric.getKey().group())
                    && metric.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                return value.doubleValue();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** Leaves the group (the partition goes to another member). */
    @Override
    public synchronized void close() {
        if (closing) {
            return; // left already (a handover, then the stop)
        }
        closing = true;
        if (thread != null && thread != Thread.currentThread()) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
