package org.recgate.sip.component;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.sip.Dialog;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.liveness.RecorderKeepalive;
import org.recgate.sip.liveness.RecorderLiveness;
import org.recgate.sip.liveness.RecorderState;
import org.recgate.sip.session.RecorderDialects;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the component does when a recorder goes DOWN (docs/sip-recorder.md, "Mid-call failover"):
 * every live session on it is abandoned (forgotten, best-effort BYE) and reported to the consumers
 * as a {@link RecorderEvent.Kind#RECORDER_DOWN} event, with when the recorder was last known
 * alive. The gateway answers each with a RESTORE on the destination's failover list (the route
 * {@code recorder-events}); the component sets nothing up by itself. A recorder that comes back UP
 * is reported as a {@link RecorderEvent.Kind#RECORDER_UP} event: the gateway may retry there the
 * recordings that were left with no recorder.
 */
final class MidCallFailover {

    private static final Logger LOG = LoggerFactory.getLogger(MidCallFailover.class);

    private final SipUserAgent userAgent;
    private final RecorderDialects dialects;
    private final RecorderLiveness liveness;
    private final Executor worker;
    private final Consumer<RecorderEvent> events;

    MidCallFailover(SipUserAgent userAgent, RecorderDialects dialects, RecorderLiveness liveness, Executor worker,
                    Consumer<RecorderEvent> events) {
        this.userAgent = userAgent;
        this.dialects = dialects;
        this.liveness = liveness;
        this.worker = worker;
        this.events = events;
    }

    /** Listens to the liveness: DOWN and UP changes. */
    void listenTo(RecorderLiveness states) {
        states.onDown(this::recorderDown);
        states.onUp(this::recorderUp);
    }

    /** A recorder is UP again: the consumers are told (on the worker, by the publisher). */
    void recorderUp(RecorderState state) {
        String uri = RecorderKeepalive.uriOf(state.recorder()) + ";transport=" + userAgent.transport();
        events.accept(new RecorderEvent(null, uri, null, null, "recorder UP again", RecorderEvent.Kind.RECORDER_UP, null));
    }

    /** The liveness listener: the work goes to the worker, never on the keepalive timer or a SIP thread. */
    void recorderDown(RecorderState state) {
        try {
            worker.execute(() -> abandonSessionsOn(state));
        } catch (RejectedExecutionException e) {
            LOG.debug("Stopping: no failover from {}", state.recorder());
        }
    }

    private void abandonSessionsOn(RecorderState state) {
        int abandoned = 0;
        for (Dialog dialog : userAgent.dialogs().confirmed()) {
            if (!(dialog.getApplicationData() instanceof RecorderDialog<?> recorderDialog) || !recorderDialog.isLive()
                    || !isOn(dialog, recorderDialog, state.recorder())) {
                continue;
            }
            if (dialects.of(recorderDialog.dialect()).map(dialect -> dialect.abandon(recorderDialog)).orElse(false)) {
                abandoned++;
                events.accept(new RecorderEvent(recorderDialog.key().recordingId(), recorderDialog.key().uri(),
                        recorderDialog.role(), null, "recorder DOWN: " + state.reason(), RecorderEvent.Kind.RECORDER_DOWN,
                        liveness.lastAlive(state.recorder())));
            }
        }
        if (abandoned > 0) {
            LOG.warn("Recorder {} is DOWN: {} live recording session(s) abandoned for failover", state.recorder(), abandoned);
        }
    }

    /** The dialog's recorder, known by its remote target (keepalives go there) or the URI that answered. */
    private boolean isOn(Dialog dialog, RecorderDialog<?> recorderDialog, String recorder) {
        String target = dialog.getRemoteTarget() == null ? null : dialog.getRemoteTarget().getURI().toString();
        return recorder.equals(liveness.keyOf(target)) || recorder.equals(liveness.keyOf(recorderDialog.key().uri()));
    }
}
