package org.recgate.sip.siprec;

import java.time.Instant;
import java.util.function.Consumer;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.liveness.RecorderLiveness;
import org.recgate.sip.session.DialogTable;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipUserAgent;

/**
 * How the end of a SIPREC session nobody asked for is reported to the consumers: the recorder's own
 * BYE ends the destination ({@code ENDED}: the recorder decided); a dialog that stopped answering, or a
 * BYE whose {@code Reason} carries a 5xx cause (RFC 3326: the recorder fails), is a failure to fail over
 * ({@code RECORDER_DOWN}, docs/sip-recorder.md "Mid-call failover"). Without liveness (no failover)
 * every end is {@code ENDED}.
 */
final class SiprecEndings {

    private final Consumer<RecorderEvent> events;
    private final RecorderLiveness liveness;

    /** @param liveness the recorders' liveness (when each was last alive), or null: no failover */
    SiprecEndings(Consumer<RecorderEvent> events, RecorderLiveness liveness) {
        this.events = events;
        this.liveness = liveness;
    }

    /** The dialect's dialog table, reporting ends as above. */
    DialogTable<SiprecSession> table(SipUserAgent userAgent) {
        DialogTable.Ends<SiprecSession> ends = (recorderDialog, sipStatus, reason) ->
                events.accept(new RecorderEvent(recorderDialog.key().recordingId(), recorderDialog.key().uri(),
                        recorderDialog.role(), sipStatus, reason));
        if (liveness == null) {
            return new DialogTable<>(userAgent, "recording session", ends);
        }
        DialogTable.Ends<SiprecSession> lost = (recorderDialog, sipStatus, reason) -> events.accept(failed(recorderDialog,
                sipStatus, reason, liveness.lastAlive(liveness.keyOf(recorderDialog.key().uri()))));
        DialogTable.Ends<SiprecSession> failing = (recorderDialog, sipStatus, reason) ->
                events.accept(failed(recorderDialog, sipStatus, reason, Instant.now())); // it spoke until now
        return new DialogTable<>(userAgent, "recording session", ends, lost, failing);
    }

    /** Whether the recorder of a URI is or was DOWN, so no dialog with it is left (false without liveness). */
    boolean lostSessions(String uri) {
        return liveness != null && liveness.lostSessionsUri(uri);
    }

    private static RecorderEvent failed(RecorderDialog<SiprecSession> recorderDialog, Integer sipStatus, String reason,
                                        Instant lastAlive) {
        return new RecorderEvent(recorderDialog.key().recordingId(), recorderDialog.key().uri(), recorderDialog.role(),
                sipStatus, reason, RecorderEvent.Kind.RECORDER_DOWN, lastAlive);
    }
}
