package org.recgate;

import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.recgate.kafka.KafkaBrokerHealthCheck;
import org.recgate.kafka.KafkaMetrics;
import org.recgate.kafka.KafkaQueues;
import org.recgate.kafka.KafkaSecurity;
import org.recgate.kafka.KafkaSendFailures;
import org.recgate.kafka.PublishingQueue;
import org.recgate.support.Meters;

/** The publishing queues' steps (kafka-publish.camel.yaml), their byte bound and the broker health check. */
final class KafkaBeans {

    private KafkaBeans() {
    }

    static void bind(CamelContext context, GatewaySettings settings, Meters meters) {
        Registry registry = context.getRegistry();
        registerHealthCheck(context);
        // the seda component's queues (camel.component.seda.default-queue-factory), bounded by bytes too
        registry.bind("kafkaQueueFactory", new PublishingQueue.Factory(settings.kafkaQueueMaxBytes()));
        KafkaMetrics kafka = new KafkaMetrics(meters,
                List.of(settings.auditTopic(), settings.userEventsTopic(), settings.indicationsTopic()),
                topic -> publishingQueue(context, topic).map(SedaEndpoint::getCurrentQueueSize).orElse(0),
                topic -> publishingQueue(context, topic).map(SedaEndpoint::getQueue)
                        .map(queue -> queue instanceof PublishingQueue bounded ? bounded.bytes() : 0L).orElse(0L));
        registry.bind("kafkaQueues", new KafkaQueues(kafka));
        registry.bind("kafkaSendFailures", new KafkaSendFailures(kafka));
    }

    /** {@code seda:<topic>}, the topic's publishing queue; empty before its route starts. */
    private static Optional<SedaEndpoint> publishingQueue(CamelContext context, String topic) {
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof SedaEndpoint seda && topic.equals(seda.getEndpointBaseUri().replaceFirst("^seda:(//)?", ""))) {
                return Optional.of(seda);
            }
        }
        return Optional.empty();
    }

    /** {@code kafka-brokers} in /observe/health; closed with the context. */
    private static void registerHealthCheck(CamelContext context) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            return; // health checks are off
        }
        PropertiesComponent properties = context.getPropertiesComponent();
        KafkaBrokerHealthCheck check = new KafkaBrokerHealthCheck(
                properties.resolveProperty("camel.component.kafka.brokers").orElseThrow(),
                KafkaSecurity.from(key -> properties.resolveProperty(key).orElse(null)));
        health.register(check);
        try {
            context.addService(check, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the Kafka health check", e);
        }
    }
}
