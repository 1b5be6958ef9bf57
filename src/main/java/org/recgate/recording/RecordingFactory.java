package org.recgate.recording;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.recgate.call.Call;
import org.recgate.config.DnDirectory;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.Dialect;
import org.recgate.support.RandomUuid;

/**
 * Makes the recording of one side of a call, whoever asked for it (a request, the DN file, a
 * routing decision): its id, recorders (dest, the DN's own, or the default; dest2), dialect and
 * file name, added to the registry (Off, about to start).
 */
public final class RecordingFactory {

    private final RecordingRegistry recordings;
    private final RecorderPolicy policy;
    private final DnDirectory directory;
    private final FileNameTemplate fileNames;
    private final Clock clock;

    public RecordingFactory(RecordingRegistry recordings, RecorderPolicy policy, DnDirectory directory,
                            FileNameTemplate fileNames, Clock clock) {
        this.recordings = recordings;
        this.policy = policy;
        this.directory = directory;
        this.fileNames = fileNames;
        this.clock = clock;
    }

    /**
     * A new recording of {@code recordedDn}, registered; refused (nothing registered) when a
     * destination is not allowed (2004), the id is taken (2003) or the DN is already recorded (43).
     */
    public Recording create(Call call, String recordedDn, Side side, Cause cause, RequestedBy requestedBy,
                            RecordingExtensions extensions) {
        Dialect dialect = policy.dialect(directory.dn(recordedDn));
        List<RecordingDestination> destinations = new ArrayList<>();
        List<String> primary = policy.primary(extensions.dest(), directory.dn(recordedDn));
        // a ;dialect= parameter on the URI chooses the dialect of that destination (docs/sip-recorder.md)
        destinations.add(new RecordingDestination(primary, DestinationRole.PRIMARY, Dialect.of(primary.get(0), dialect)));
        if (extensions.dest2() != null) {
            String dest2 = policy.allowed("dest2", extensions.dest2());
            destinations.add(new RecordingDestination(List.of(dest2), DestinationRole.DUPLICATE, Dialect.of(dest2, dialect)));
        }
        Recording recording = new Recording(
                extensions.id() != null ? extensions.id() : RandomUuid.next().toString(),
                call.connectionId(), recordedDn, side, cause, requestedBy, clock.instant(), destinations, extensions.params());
        recording.fileName(fileNames.fileName(recording, call.callUuid(), call.ani(), call.dnis()));
        recordings.add(recording);
        return recording;
    }

    /** Checks what {@link #create} would refuse for these extensions before anything is started (routing decisions). */
    public void check(RecordingExtensions extensions) {
        if (extensions.dest() != null) {
            policy.allowed("dest", extensions.dest());
        }
        if (extensions.dest2() != null) {
            policy.allowed("dest2", extensions.dest2());
        }
        if (extensions.id() != null) {
            recordings.checkIdFree(extensions.id());
        }
    }
}
