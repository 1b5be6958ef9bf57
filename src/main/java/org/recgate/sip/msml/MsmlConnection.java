package org.recgate.sip.msml;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.session.MediaDirection;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.session.SdpOffer;

/**
 * One MSML dialog with a media server (one SIP dialog): the connection the media server named by
 * its To-tag, and the records our dialog runs there, one per destination it serves (r1 for the
 * primary, r2 for a duplicate on the same media server).
 */
final class MsmlConnection {

    /** One {@code <record>} of the dialog and the destination it serves; {@code paused} after a pause it accepted. */
    record Record(String id, RecorderDialog.Key key, DestinationRole role, String dest, AtomicBoolean live,
                  AtomicBoolean paused) {
        Record(String id, RecorderDialog.Key key, DestinationRole role, String dest) {
            this(id, key, role, dest, new AtomicBoolean(true), new AtomicBoolean(false));
        }
    }

    private final MsmlSettings settings;
    private final List<Record> records;
    private final long sdpSessionId;
    private final long sdpVersion;
    private volatile String toTag;
    private volatile String sdpAnswer;
    private volatile boolean ending;

    MsmlConnection(MsmlSettings settings, List<Record> records) {
        this(settings, records, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1);
    }

    /** A connection another process opened (RESTORE): its SDP session, the offer {@code sdpVersion}. */
    MsmlConnection(MsmlSettings settings, List<Record> records, long sdpSessionId, long sdpVersion) {
        this.settings = settings;
        this.records = List.copyOf(records);
        this.sdpSessionId = sdpSessionId;
        this.sdpVersion = sdpVersion;
    }

    long sdpSessionId() {
        return sdpSessionId;
    }

    /** The media server's SDP answer to our offer, or null. */
    String sdpAnswer() {
        return sdpAnswer;
    }

    void sdpAnswer(String answer) {
        this.sdpAnswer = answer;
    }

    MsmlSettings settings() {
        return settings;
    }

    List<Record> records() {
        return records;
    }

    /** The record serving a destination: a primary and its duplicate on one media server share the key. */
    Optional<Record> record(RecorderDialog.Key key, DestinationRole role) {
        return records.stream().filter(r -> r.key().equals(key) && r.role() == role).findFirst();
    }

    List<Record> liveRecords() {
        return records.stream().filter(r -> r.live().get()).toList();
    }

    /** The media server's To-tag: the connection is {@code conn:<toTag>}. */
    String toTag() {
        return toTag;
    }

    void toTag(String tag) {
        this.toTag = tag;
    }

    /** We asked the dialog to end (dialogend): its {@code msml.dialog.exit} is expected, not a failure. */
    boolean ending() {
        return ending;
    }

    void ending(boolean value) {
        this.ending = value;
    }

    /** Our SDP offer: the deployment's media source, capturing (MSML pauses the record, not the media). */
    String sdp() {
        return SdpOffer.render(settings.mediaAddress(), settings.mediaPort(), sdpSessionId, sdpVersion,
                MediaDirection.SENDONLY);
    }
}
