package org.recgate.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

/** A request waits for the state records queued before its answer, and not at all while no broker answers. */
class StateJournalTest {

    private long queue(StateJournal journal) {
        DefaultMessage message = new DefaultMessage(new DefaultCamelContext());
        journal.queued(message);
        return message.getHeader(StateJournal.SEQUENCE, Long.class);
    }

    @Test
    void theAnswerWaitsForEveryRecordQueuedBeforeIt() throws Exception {
        StateJournal journal = new StateJournal(60_000);
        long first = queue(journal);
        long second = queue(journal);
        CompletableFuture<Void> answer = journal.awaitDurable().toCompletableFuture();
        journal.written(second); // another partition was quicker
        assertFalse(answer.isDone(), "the first record is not written yet");
        assertEquals(1, journal.unwritten());
        journal.written(first);
        answer.get(1, TimeUnit.SECONDS);
        assertEquals(0, journal.unwritten());
        assertTrue(journal.isDurable());
        assertTrue(journal.awaitDurable().toCompletableFuture().isDone(), "nothing to wait for");
    }

    @Test
    void withoutABrokerRequestsAreAnsweredAndTheStateIsNotDurableUntilItCatchesUp() throws Exception {
        StateJournal journal = new StateJournal(50);
        long lost = queue(journal);
        journal.awaitDurable().toCompletableFuture().get(5, TimeUnit.SECONDS); // answered after the wait
        assertFalse(journal.isDurable());
        long next = queue(journal);
        assertTrue(journal.awaitDurable().toCompletableFuture().isDone(), "no wait while not durable");
        journal.written(lost);
        assertFalse(journal.isDurable(), "a change acknowledged meanwhile is still not written");
        journal.written(next);
        assertTrue(journal.isDurable());
        assertEquals(0, journal.unwritten());
    }

    @Test
    void theCallFeedWaitsForItsStateHoweverLongAndAnAnswerTimingOutDoesNotReleaseIt() throws Exception {
        StateJournal journal = new StateJournal(50);
        long record = queue(journal);
        CompletableFuture<Void> commit = journal.awaitWritten().toCompletableFuture();
        journal.awaitDurable().toCompletableFuture().get(5, TimeUnit.SECONDS); // a request's answer gives up waiting
        assertFalse(journal.isDurable());
        assertFalse(commit.isDone(), "the feed still waits: its record is not written");
        journal.written(record);
        commit.get(1, TimeUnit.SECONDS);
        assertTrue(journal.isDurable());
        assertTrue(journal.awaitWritten().toCompletableFuture().isDone(), "nothing to wait for");
    }
}
