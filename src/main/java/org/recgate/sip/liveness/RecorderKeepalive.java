package org.recgate.sip.liveness;

import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.Dialog;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SIP OPTIONS (RFC 3261 §11) through the component's user agent, every
 * {@link LivenessSettings#intervalMs()}, to each configured recorder and to each recorder a dialog
 * is held with, and tells {@link RecorderLiveness} what came of it. A recorder that answers is
 * alive, whatever the status (RFC 3261 §11.2: a UAS may answer OPTIONS with what it would answer an
 * INVITE, e.g. 486 or 405), except 408 and 503, which say it cannot serve now: those and no answer
 * are misses. A request that cannot be sent (transport error) marks it DOWN at once.
 * <p>
 * It also takes the outcome of every in-dialog request the user agent sends: one that timed out
 * or got 408, 481 or 5xx says the recorder lost the session (RFC 3261 §12.2.1.2), and marks it DOWN.
 */
public final class RecorderKeepalive {

    private static final Logger LOG = LoggerFactory.getLogger(RecorderKeepalive.class);

    private final SipUserAgent userAgent;
    private final RecorderLiveness liveness;
    private final LivenessSettings settings;
    private final RecorderMeters meters;
    /** Recorders whose OPTIONS is still out: the next round skips them rather than piling up requests. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public RecorderKeepalive(SipUserAgent userAgent, RecorderLiveness liveness, LivenessSettings settings,
                             RecorderMeters meters) {
        this.userAgent = userAgent;
        this.liveness = liveness;
        this.settings = settings;
        this.meters = meters;
        settings.recorders().stream().map(liveness::keyOf).forEach(liveness::track);
    }

    /** Runs a round every interval on {@code timer} (nothing when keepalives are off). */
    public void start(ScheduledExecutorService timer) {
        if (settings.enabled()) {
            timer.scheduleAtFixedRate(this::round, 0, settings.intervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** One OPTIONS to each recorder: the configured ones, those of the dialogs held, and those DOWN. */
    void round() {
        try {
            Map<String, String> targets = new LinkedHashMap<>();
            settings.recorders().forEach(uri -> targets.putIfAbsent(liveness.keyOf(uri), uri));
            userAgent.dialogs().targets().forEach(uri -> targets.putIfAbsent(liveness.keyOf(uri), uri));
            // a DOWN recorder no dialog is on any more (a DN's own) is still asked, so it can come back UP
            liveness.states().values().stream().filter(state -> !state.isUp()).map(RecorderState::recorder)
                    .forEach(recorder -> targets.putIfAbsent(recorder, uriOf(recorder)));
            targets.remove(null);
            targets.forEach(this::ping);
        } catch (RuntimeException e) {
            LOG.warn("Keepalive round failed", e); // the next round tries again: the timer must keep running
        }
    }

    /** {@code sip:host:port} of a {@code host:port} key ({@code [v6]:port} for an IPv6 address). */
    public static String uriOf(String recorder) {
        int colon = recorder.lastIndexOf(':');
        String host = recorder.substring(0, colon);
        return "sip:" + (host.contains(":") ? "[" + host + "]" : host) + recorder.substring(colon);
    }

    private void ping(String recorder, String uri) {
        if (!waiting.add(recorder)) {
            return;
        }
        Request options;
        try {
            options = userAgent.newRequest(Request.OPTIONS, userAgent.parseSipUri(uri),
                    userAgent.address(settings.fromUser(), settings.domain()));
        } catch (ParseException | RuntimeException e) {
            waiting.remove(recorder);
            LOG.debug("No OPTIONS to {}: {}", uri, e.getMessage());
            return;
        }
        long sent = System.nanoTime();
        userAgent.sendInitial(options, null, settings.intervalMs()).whenComplete((outcome, error) -> {
            waiting.remove(recorder);
            if (outcome != null) {
                answered(recorder, outcome, Duration.ofNanos(System.nanoTime() - sent));
            }
        });
    }

    private void answered(String recorder, SipOutcome outcome, Duration roundTrip) {
        Integer status = outcome.status();
        switch (outcome.kind()) {
            case ANSWERED -> {
                if (status == Response.REQUEST_TIMEOUT || status == Response.SERVICE_UNAVAILABLE) {
                    liveness.missed(recorder, "OPTIONS answered " + outcome.describe());
                } else {
                    meters.roundTrip(roundTrip);
                    liveness.answered(recorder, roundTrip);
                }
            }
            case TIMED_OUT -> liveness.missed(recorder, "OPTIONS unanswered: " + outcome.describe());
            case NOT_SENT -> {
                // not sent for want of the leadership lease (a standby, a fenced former active): no verdict
                if (userAgent.isRunning() && !outcome.isFenced()) {
                    liveness.failed(recorder, "OPTIONS not sent: " + outcome.describe());
                }
            }
        }
    }

    /** The outcome of a request in a dialog with a recorder: a lost session marks the recorder DOWN. */
    public void inDialog(Dialog dialog, String method, SipOutcome outcome) {
        Integer status = outcome.status();
        boolean lost = outcome.kind() == SipOutcome.Kind.TIMED_OUT
                || (status != null && (status == Response.REQUEST_TIMEOUT
                || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status / 100 == 5));
        if (!lost || dialog == null || dialog.getRemoteTarget() == null) {
            return;
        }
        String recorder = liveness.keyOf(dialog.getRemoteTarget().getURI().toString());
        if (recorder != null) {
            liveness.failed(recorder, method + " in a dialog: " + outcome.describe());
        }
    }
}
