package org.recgate.recording;

import java.util.List;
import org.recgate.call.Call;
import org.recgate.sip.Participant;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderOperation;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecordingSessionSpec;

/** Makes the request the {@code sip-recorder} component carries out for a recording. */
public final class RecorderRequests {

    private RecorderRequests() {
    }

    /**
     * {@code operation} on {@code destinations} of the recording. A START may fail over between a
     * destination's candidates (docs/sip-recorder.md, failover); any later request goes to the
     * recorder that answered.
     */
    public static RecorderRequest of(RecorderOperation operation, Recording recording, Call call,
                                     List<RecordingDestination> destinations) {
        List<Participant> participants = call.parties().stream()
                .map(dn -> new Participant(dn, null, dn.equals(recording.recordedDn()))).toList();
        RecordingSessionSpec spec = new RecordingSessionSpec(recording.id(), recording.connectionId(), call.callUuid(),
                recording.recordedDn(), recording.side().wireName(), participants, recording.params(),
                recording.fileName(), recording.requestedAt());
        List<RecorderDestination> targets = destinations.stream()
                .map(d -> new RecorderDestination(operation == RecorderOperation.START ? d.candidates() : List.of(d.uri()),
                        d.role(), d.dialect()))
                .toList();
        return new RecorderRequest(operation, spec, targets);
    }

    /** A STOP of the recording's live destinations, or null when none is live. */
    static RecorderTask stopLive(Recording recording, Call call) {
        List<RecordingDestination> live = recording.liveDestinations();
        return live.isEmpty() ? null : new RecorderTask(recording, call, of(RecorderOperation.STOP, recording, call, live));
    }
}
