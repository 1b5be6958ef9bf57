package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The publishing queue's two bounds (recgate.kafka.queue-size records, recgate.kafka.queue-max-bytes
 * bytes) and its byte count through every way a record leaves it. End to end: KafkaQueueBoundIT.
 */
class PublishingQueueTest {

    private static final DefaultCamelContext CAMEL = new DefaultCamelContext();

    private static Exchange record(int bytes) {
        Exchange exchange = new DefaultExchange(CAMEL);
        exchange.getMessage().setBody(new byte[bytes]);
        return exchange;
    }

    @Test
    void aRecordThatWouldPassTheByteBoundIsRefusedLikeAFullQueue() {
        PublishingQueue queue = new PublishingQueue.Factory(100).create(10);
        assertTrue(queue.add(record(60)));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> queue.add(record(41)));
        assertEquals("Queue full: it holds 60 bytes of at most 100 (recgate.kafka.queue-max-bytes) and this record has 41",
                full.getMessage());
        assertTrue(queue.add(record(40)));
        assertEquals(100, queue.bytes());
        assertFalse(queue.offer(record(1)));
        assertEquals(2, queue.size());
        assertFalse(new PublishingQueue.Factory(10).create(10).offer(record(11)), "larger than the bound: never");
    }

    @Test
    void aQueueFullOfRecordsSaysSoAndTakesNoBytes() {
        PublishingQueue queue = new PublishingQueue.Factory(1000).create(2);
        queue.add(record(10));
        queue.add(record(10));
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> queue.add(record(10)));
        assertEquals("Queue full: 2 records (recgate.kafka.queue-size)", full.getMessage());
        assertEquals(20, queue.bytes());
    }

    @Test
    void bytesGoBackWhenARecordLeavesByAnyWay() throws Exception {
        PublishingQueue queue = new PublishingQueue.Factory(1000).create(100);
        Exchange first = record(100);
        for (Exchange exchange : List.of(first, record(200), record(300), record(50), record(25))) {
            queue.add(exchange);
        }
        assertSame(first, queue.poll());
        assertEquals(575, queue.bytes());
        queue.poll(1, TimeUnit.MILLISECONDS);
        assertEquals(375, queue.bytes());
        queue.take();
        assertEquals(75, queue.bytes());
        queue.remove(queue.peek());
        assertEquals(25, queue.bytes());
        List<Exchange> drained = new ArrayList<>();
        assertEquals(1, queue.drainTo(drained));
        assertEquals(0, queue.bytes());
        queue.add(record(10));
        queue.clear();
        assertEquals(0, queue.bytes());
        Exchange notBytes = new DefaultExchange(CAMEL);
        notBytes.getMessage().setBody("another seda queue's body");
        assertTrue(queue.offer(notBytes, 1, TimeUnit.MILLISECONDS));
        assertEquals(0, queue.bytes(), "a body that is not bytes counts as none");
    }

    @Test
    void concurrentProducersNeverPassTheBound() throws Exception {
        PublishingQueue queue = new PublishingQueue.Factory(1000).create(100_000);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4000; i++) {
            pool.execute(() -> {
                if (queue.offer(record(7))) {
                    accepted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1000 / 7, accepted.get());
        assertEquals(1000 / 7 * 7, queue.bytes());
        assertEquals(1000 / 7, queue.size());
    }
}
