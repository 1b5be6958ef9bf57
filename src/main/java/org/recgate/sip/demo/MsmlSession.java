package org.recgate.sip.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One MSML session (RFC 5707) on the demo recorder, the Genesys Media Server way: the INVITE opens
 * a connection {@code conn:<our To-tag>}, and MSML in INFO starts a dialog of records on it,
 * pauses, resumes or terminates records, and ends the dialog. No media is recorded; the file says
 * what was asked. As for {@link DemoSession}, each change is written before it is answered, and
 * methods are synchronized.
 */
final class MsmlSession extends RecorderSession<MsmlFile> {

    /** The user part prefix of an MSML Request-URI: {@code sip:msml=<conf-id>@host;dn=<DN>;record}. */
    static final String USER_PREFIX = "msml=";


    /**
     * The answer to one MSML request: an RFC 5707 result code and, for an error, a description.
     *
     * @param code        200, or 400 (bad request), 401 (no such object), 402 (object already exists)
     * @param description why not 200, or null
     */
    record Result(int code, String description) {

        static final Result OK = new Result(200, null);
    }

    /** A new session and its answer to the INVITE's offer. */
    record Started(MsmlSession session, SdpAnswer answer) {
    }

    private MsmlSession(RecordingFolder folder, Path file, String address, long sdpSessionId, MsmlFile current) {
        super(folder, file, address, sdpSessionId, current);
    }

    /**
     * Opens the connection from an initial INVITE and writes its first file (state
     * {@code connected}).
     *
     * @param confId the {@code msml=} part of the Request-URI: the recording id
     * @param dn     the Request-URI's {@code dn} parameter, or null
     * @param toTag  our To-tag: the connection is {@code conn:<toTag>}
     */
    static Started start(RecordingFolder folder, String address, RecordingFile.Sip sip, String confId, String dn,
                         String toTag, String offer) throws Refusal {
        long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        SdpAnswer answer = DemoSession.answer(offer, address, sdpSessionId, 1);
        RecordingDescription description = new RecordingDescription(confId, null, null, dn, null, null, Map.of(),
                List.of());
        MsmlFile first = MsmlFile.connected(description, "conn:" + toTag, sip);
        try {
            Path file = folder.create(confId.isEmpty() ? sip.callId() : confId, first);
            return new Started(new MsmlSession(folder, file, address, sdpSessionId, first), answer);
        } catch (IOException e) {
            throw DemoSession.cannotWrite("in " + folder.path(), e);
        }
    }

    /** A re-INVITE or UPDATE with an offer: answered, recorded in the file, no change of state. */
    synchronized SdpAnswer offer(String sdp) throws Refusal {
        SdpAnswer answer = DemoSession.answer(sdp, address, sdpSessionId, sdpVersion + 1);
        write(current.withOffer(sdp));
        sdpVersion++;
        return answer;
    }

    /**
     * An INFO: the MSML request in its body, applied and written.
     *
     * @return the result to answer with; a body that is not an MSML request this recorder knows
     *         gets 400
     * @throws Refusal when the file cannot be written (500)
     */
    synchronized Result info(String body) throws Refusal {
        MsmlInfo request;
        try {
            request = MsmlInfoReader.read(body, current.recording());
        } catch (IllegalArgumentException e) {
            return new Result(400, "Bad MSML request: " + e.getMessage());
        }
        if (request instanceof MsmlInfo.DialogStart start) {
            return dialogstart(start, body);
        }
        if (request instanceof MsmlInfo.Send send) {
            return send(send, body);
        }
        return dialogend((MsmlInfo.DialogEnd) request, body);
    }

    private Result dialogstart(MsmlInfo.DialogStart start, String body) throws Refusal {
        if (!current.connection().equals(start.target())) {
            return new Result(401, "No connection " + start.target() + " (this one is " + current.connection() + ")");
        }
        if (current.dialog() != null) {
            return new Result(402, "Dialog " + current.dialog() + " already exists");
        }
        write(current.dialogStarted(start, body, Instant.now(), "INFO dialogstart"));
        return Result.OK;
    }

    private Result send(MsmlInfo.Send send, String body) throws Refusal {
        RecordingFile.State next = switch (send.event()) {
            case "pause" -> RecordingFile.State.PAUSED;
            case "resume" -> RecordingFile.State.RECORDING;
            case "terminate" -> RecordingFile.State.STOPPED;
            default -> null;
        };
        if (next == null) {
            return new Result(400, "Unsupported event " + send.event() + ": use pause, resume or terminate");
        }
        List<MsmlFile.Record> records = new ArrayList<>(current.records());
        for (String target : send.targets()) {
            int index = recordIndex(target);
            if (index < 0) {
                return new Result(401, "No live record " + target);
            }
            records.set(index, records.get(index).in(next));
        }
        write(current.withRecords(records, body, Instant.now(), "INFO send " + send.event()));
        return Result.OK;
    }

    /** The index of the live record a target names ({@code <dialog>/record.<id>}), or -1. */
    private int recordIndex(String target) {
        List<MsmlFile.Record> records = current.records();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).state() != RecordingFile.State.STOPPED
                    && target.equals(current.dialog() + "/record." + records.get(i).id())) {
                return i;
            }
        }
        return -1;
    }

    private Result dialogend(MsmlInfo.DialogEnd end, String body) throws Refusal {
        if (current.dialog() == null || !current.dialog().equals(end.id())
                || current.state() == MsmlFile.State.STOPPED) {
            return new Result(401, "No live dialog " + end.id());
        }
        write(current.stopped(body, Instant.now(), "INFO dialogend"));
        return Result.OK;
    }

    @Override
    protected MsmlFile stoppedNow(String cause) {
        return current.stopped(null, Instant.now(), cause);
    }
}
