package org.recgate.sip.liveness;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.recgate.sip.stack.SipTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each recorder's liveness, kept from what happens to the requests sent to it: an answered
 * keepalive marks it UP, {@code failures} missed ones in a row or one failure signal (transport
 * error, an in-dialog request that timed out or got 408/481/5xx) mark it DOWN. Recorders are
 * known by {@code host:port} ({@link #keyOf}), so a configured URI and the Contact of a dialog on
 * the same recorder are one. Thread-safe: every change is one atomic step per recorder.
 */
public final class RecorderLiveness {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderLiveness.class);

    private final int failures;
    private final String transport;
    private final Clock clock;
    private final Map<String, RecorderState> states = new ConcurrentHashMap<>();
    private final BiConsumer<RecorderLiveness, String> onNewRecorder;
    /** When each recorder was last known alive (first seen, then each answered keepalive): a failover's gap starts there. */
    private final Map<String, Instant> lastAlive = new ConcurrentHashMap<>();
    private volatile Consumer<RecorderState> onDown = state -> { };
    private volatile Consumer<RecorderState> onUp = state -> { };
    /** Recorders that went DOWN at least once: every session this process had on them was abandoned then. */
    private final Set<String> wentDown = ConcurrentHashMap.newKeySet();

    /**
     * @param failures      missed keepalives in a row that mark a recorder DOWN
     * @param transport     the user agent's transport, for the default port of a URI that names none
     * @param clock         when states change (a fixed one in tests)
     * @param onNewRecorder told once of each recorder when it is first seen, with these states (its metrics)
     */
    public RecorderLiveness(int failures, String transport, Clock clock,
                            BiConsumer<RecorderLiveness, String> onNewRecorder) {
        this.failures = failures;
        this.transport = transport;
        this.clock = clock;
        this.onNewRecorder = onNewRecorder;
    }

    /** {@code host:port} of a recorder URI (the port requests to it go to); null for a URI that is not SIP. */
    public String keyOf(String uri) {
        try {
            SipTarget target = SipTarget.parse(uri);
            return target.host() + ":" + target.port(transport);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** Starts tracking a recorder (UP until it fails); nothing for one already known. */
    public void track(String recorder) {
        if (states.putIfAbsent(recorder, RecorderState.first(recorder, clock.instant())) == null) {
            lastAlive.putIfAbsent(recorder, clock.instant());
            onNewRecorder.accept(this, recorder);
        }
    }

    /**
     * Who is told, once per change, of each recorder that goes DOWN (mid-call failover); called on the
     * thread that saw the failure, after the state changed: it must not block.
     */
    public void onDown(Consumer<RecorderState> listener) {
        this.onDown = listener;
    }

    /**
     * Who is told, once per change, of each recorder that comes back UP (the retry of recordings that
     * lost it); called like {@link #onDown}: it must not block.
     */
    public void onUp(Consumer<RecorderState> listener) {
        this.onUp = listener;
    }

    /** A keepalive was answered after {@code roundTrip}: UP. */
    public void answered(String recorder, Duration roundTrip) {
        lastAlive.put(recorder, clock.instant());
        change(recorder, state -> state.answered(roundTrip, clock.instant()));
    }

    /**
     * When the recorder was last known alive: its last answered keepalive, or, before any, when it
     * was first seen (keepalives off: the gap then starts earlier than it may have). Null for one never seen.
     */
    public Instant lastAlive(String recorder) {
        return recorder == null ? null : lastAlive.get(recorder);
    }

    /** A keepalive got no answer that counts ({@code why}): DOWN after {@code failures} in a row. */
    public void missed(String recorder, String why) {
        change(recorder, state -> state.missed(failures, why, clock.instant()));
    }

    /** A transport error or a failed in-dialog request: DOWN at once. */
    public void failed(String recorder, String why) {
        change(recorder, state -> state.failed(why, clock.instant()));
    }

    public boolean isDown(String recorder) {
        RecorderState state = recorder == null ? null : states.get(recorder);
        return state != null && !state.isUp();
    }

    /**
     * Whether the recorder of this URI is DOWN, or went DOWN at some time while this component ran:
     * either way no dialog this process set up with it is left (each was abandoned with a BYE when
     * it went DOWN, docs/sip-recorder.md "Mid-call failover"), so a takeover re-INVITE there is pointless.
     */
    public boolean lostSessionsUri(String uri) {
        String recorder = keyOf(uri);
        return isDown(recorder) || (recorder != null && wentDown.contains(recorder));
    }

    /** Whether the recorder of this URI is DOWN; false for one never seen (or not a SIP URI). */
    public boolean isDownUri(String uri) {
        return isDown(keyOf(uri));
    }

    /**
     * The candidates that are not DOWN, in order; all of them when every one is DOWN, because a
     * recorder marked DOWN may have come back since its last keepalive, and trying it costs one
     * timeout where not trying loses the recording for sure.
     */
    public List<String> liveFirst(List<String> candidates) {
        List<String> live = candidates.stream().filter(uri -> !isDownUri(uri)).toList();
        return live.isEmpty() ? candidates : live;
    }

    /** The state of every recorder seen, by {@code host:port}. */
    public Map<String, RecorderState> states() {
        return new TreeMap<>(states);
    }

    public RecorderState state(String recorder) {
        return states.get(recorder);
    }

    private void change(String recorder, UnaryOperator<RecorderState> step) {
        track(recorder);
        RecorderState[] changed = new RecorderState[1];
        states.computeIfPresent(recorder, (key, before) -> {
            RecorderState after = step.apply(before);
            if (before.status() != after.status()) {
                if (after.isUp()) {
                    LOG.info("Recorder {} is UP again", recorder);
                } else {
                    LOG.warn("Recorder {} is DOWN: {}", recorder, after.reason());
                    wentDown.add(recorder);
                }
                changed[0] = after;
            }
            return after;
        });
        if (changed[0] != null) {
            // outside the map's lock: the listener hands the work on
            (changed[0].isUp() ? onUp : onDown).accept(changed[0]);
        }
    }
}
