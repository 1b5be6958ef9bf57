package org.recgate.gateway.records;

/**
 * Where a record builder leaves the record's Kafka key: the header camel-kafka sends as the
 * record's key. The builder sets it beside the body it returns; a {@code setHeader} of
 * {@code ${body[field]}} in the route would evaluate a bean (OGNL) expression on a copy of the
 * exchange for every record (docs/performance.md).
 */
public final class RecordKeys {

    /** camel-kafka's key header ({@code KafkaConstants.KEY}). */
    public static final String KAFKA_KEY = "kafka.KEY";

    private RecordKeys() {
    }
}
