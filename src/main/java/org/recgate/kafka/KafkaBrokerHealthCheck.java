package org.recgate.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Service;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * {@code kafka-brokers} in {@code /observe/health}: DOWN while no broker answers, or the brokers
 * refuse the gateway's credentials (its admin client takes the same {@link KafkaSecurity} as the
 * producers). The T-Library side keeps serving meanwhile; records wait in their queues (docs/kafka.md).
 * A {@link Service}, so the context that holds it closes its admin client when it stops.
 */
public final class KafkaBrokerHealthCheck extends AbstractHealthCheck implements Service {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final String brokers;
    private final KafkaSecurity security;
    private Admin admin; // guarded by this; made by the first check, so nothing polls the brokers before one is asked for

    public KafkaBrokerHealthCheck(String brokers, KafkaSecurity security) {
        super("recgate", "kafka-brokers");
        this.brokers = brokers;
        this.security = security;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(security.clientProperties(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis())));
        }
        return admin;
    }

    @Override
    public boolean isLiveness() {
        return false; // a broker outage does not make the gateway itself unhealthy, only not ready
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("brokers", brokers);
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            builder.detail("nodes", nodes);
            builder.up();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted while asking the Kafka brokers at " + brokers).down();
        } catch (Exception e) {
            builder.message(whyDown(e)).down();
        }
    }

    /** The broker's refusal when it gave one (wrong credentials: authentication failed), else no answer. */
    private String whyDown(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
            // Kafka's messages name the mechanism and the user at most, never the password
            return "the Kafka brokers at " + brokers + " refuse the gateway: " + cause.getMessage();
        }
        return "no Kafka broker answers at " + brokers;
    }

    @Override
    public void start() {
        // the admin client is made by the first check
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
