package org.recgate.sip.siprec;

import java.util.concurrent.ThreadLocalRandom;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.SdpOffer;

/**
 * What one recording session (one SIP dialog with one recorder) last offered: the recording as
 * described to the recorder, the SDP version and the media direction. Immutable: a new offer is
 * a new value, which becomes the session's state only when the recorder accepts it.
 *
 * @param spec         the recording as last described
 * @param settings     the endpoint settings the session was started with (media, domain, namespace)
 * @param ids          the metadata object ids, fixed for the session
 * @param sdpSessionId the SDP {@code o=} session id, fixed for the session
 * @param sdpVersion   the SDP {@code o=} version of this offer
 * @param direction    {@code sendonly} while capturing, {@code inactive} while paused
 */
record SiprecSession(RecordingSessionSpec spec, SiprecSettings settings, MetadataIds ids,
                            long sdpSessionId, long sdpVersion, MediaDirection direction) {

    /** The first offer of a new session: capturing. */
    static SiprecSession start(RecordingSessionSpec spec, SiprecSettings settings) {
        return start(spec, settings, MediaDirection.SENDONLY);
    }

    /** The first offer of a new session in {@code direction} (a restored paused recording stays paused). */
    static SiprecSession start(RecordingSessionSpec spec, SiprecSettings settings, MediaDirection direction) {
        return start(spec, settings, direction, new MetadataIds());
    }

    /** The same, with the metadata ids of a session it replaces (the same communication session, RFC 7865 §6.3). */
    static SiprecSession start(RecordingSessionSpec spec, SiprecSettings settings, MediaDirection direction, MetadataIds ids) {
        return new SiprecSession(spec, settings, ids,
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1, direction);
    }

    /** The next offer in the dialog: a new SDP version, the given direction, the recording as now described. */
    SiprecSession next(RecordingSessionSpec newSpec, MediaDirection newDirection) {
        return new SiprecSession(newSpec == null ? spec : newSpec, settings, ids, sdpSessionId, sdpVersion + 1,
                newDirection);
    }

    /** The same offer with the recording described anew, for a metadata-only UPDATE (no SDP, so no new SDP version). */
    SiprecSession describing(RecordingSessionSpec newSpec) {
        return new SiprecSession(newSpec, settings, ids, sdpSessionId, sdpVersion, direction);
    }

    String sdp() {
        return SdpOffer.render(settings.mediaAddress(), settings.mediaPort(), sdpSessionId, sdpVersion, direction);
    }

    String metadata() {
        return RecordingMetadata.complete(spec, ids, settings.domain(), settings.extensionNamespace());
    }
}
