package org.recgate.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/**
 * A topic's publishing queue ({@code seda:<topic>}, kafka-publish.camel.yaml), bounded by records
 * ({@code recgate.kafka.queue-size}) and by bytes ({@code recgate.kafka.queue-max-bytes},
 * docs/security.md "Limits"). Without a byte bound, an outage of a few minutes with 60 KB
 * user events would fill the heap long before 100,000 records. A record is the JSON bytes Kafka
 * will get (the sending routes marshal it on the way in); one that would take the queue past either
 * bound is refused as a full queue is, with an {@link IllegalStateException} from {@link #add}
 * that names the bound, and the sending route's doCatch drops and counts it. Every seda queue is
 * one (the component's queue factory); a body that is not bytes counts as none.
 */
public final class PublishingQueue extends LinkedBlockingQueue<Exchange> {

    private final int capacity;
    private final long maxBytes;
    private long bytes; // guarded by this

    PublishingQueue(int capacity, long maxBytes) {
        super(capacity);
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /** The bytes of the records waiting now (a gauge, {@code recgate_kafka_queue_bytes}). */
    public synchronized long bytes() {
        return bytes;
    }

    static long sizeOf(Object exchange) {
        if (!(exchange instanceof Exchange e)) {
            return 0;
        }
        Object body = e.getMessage().getBody();
        return body instanceof byte[] record ? record.length : body instanceof StreamCache cached ? Math.max(0, cached.length()) : 0;
    }

    /** What the seda producer calls: refused with the bound that was reached. */
    @Override
    public boolean add(Exchange exchange) {
        if (offer(exchange)) {
            return true;
        }
        throw full(exchange);
    }

    @Override
    public boolean offer(Exchange exchange) {
        long size = sizeOf(exchange);
        if (!reserve(size)) {
            return false;
        }
        if (super.offer(exchange)) {
            return true;
        }
        release(size);
        return false;
    }

    @Override
    public boolean offer(Exchange exchange, long timeout, TimeUnit unit) throws InterruptedException {
        long size = sizeOf(exchange);
        if (!reserve(size)) {
            return false; // waiting frees bytes no sooner than records: refused at once
        }
        boolean added = false;
        try {
            added = super.offer(exchange, timeout, unit);
            return added;
        } finally {
            if (!added) {
                release(size);
            }
        }
    }

    @Override
    public void put(Exchange exchange) throws InterruptedException {
        long size = sizeOf(exchange);
        if (!reserve(size)) {
            throw full(exchange);
        }
        boolean added = false;
        try {
            super.put(exchange);
            added = true;
        } finally {
            if (!added) {
                release(size);
            }
        }
    }

    @Override
    public Exchange poll() {
        return released(super.poll());
    }

    @Override
    public Exchange poll(long timeout, TimeUnit unit) throws InterruptedException {
        return released(super.poll(timeout, unit));
    }

    @Override
    public Exchange take() throws InterruptedException {
        return released(super.take());
    }

    @Override
    public boolean remove(Object exchange) {
        boolean removed = super.remove(exchange);
        if (removed) {
            release(sizeOf(exchange));
        }
        return removed;
    }

    @Override
    public int drainTo(Collection<? super Exchange> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super Exchange> into, int max) {
        List<Exchange> drained = new ArrayList<>();
        int count = super.drainTo(drained, max);
        drained.forEach(this::released);
        into.addAll(drained);
        return count;
    }

    @Override
    public void clear() {
        drainTo(new ArrayList<>());
    }

    private synchronized boolean reserve(long size) {
        if (bytes + size > maxBytes) {
            return false;
        }
        bytes += size;
        return true;
    }

    private synchronized void release(long size) {
        bytes -= size;
    }

    private Exchange released(Exchange exchange) {
        if (exchange != null) {
            release(sizeOf(exchange));
        }
        return exchange;
    }

    private IllegalStateException full(Exchange exchange) {
        return remainingCapacity() == 0
                ? new IllegalStateException("Queue full: " + capacity + " records (recgate.kafka.queue-size)")
                : new IllegalStateException("Queue full: it holds " + bytes() + " bytes of at most " + maxBytes
                        + " (recgate.kafka.queue-max-bytes) and this record has " + sizeOf(exchange));
    }

    /** Makes the seda component's queues (application.properties: {@code camel.component.seda.default-queue-factory}). */
    public static final class Factory implements org.apache.camel.component.seda.BlockingQueueFactory<Exchange> {

        private final long maxBytes;

        public Factory(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("the byte bound must be positive, not " + maxBytes);
            }
            this.maxBytes = maxBytes;
        }

        @Override
        public PublishingQueue create() {
            return new PublishingQueue(Integer.MAX_VALUE, maxBytes);
        }

        @Override
        public PublishingQueue create(int capacity) {
            return new PublishingQueue(capacity, maxBytes);
        }
    }
}
