package org.recgate.sip.msml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecorderEvent;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.DialogTable;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;

/**
 * The MSML dialogs of a component: which dialog serves which record, finding the live ones a
 * request names, and the end of a dialog nobody asked to end (each record still live is a
 * destination that ended: one {@link RecorderEvent} each).
 */
final class MsmlDialogs {

    private final Consumer<RecorderEvent> events;
    /** Each live or starting record's dialog, by (recording id, URI); records sharing a dialog share its key. */
    private final DialogTable<MsmlConnection> table;

    /**
     * @param events where media-server-initiated endings go; called on the SIP message thread or
     *               the worker, it must not block
     */
    MsmlDialogs(SipUserAgent userAgent, Consumer<RecorderEvent> events) {
        this.events = events;
        this.table = new DialogTable<>(userAgent, "MSML dialog", this::ended);
    }

    /** Takes the dialog's key for it: false when the recording already has a dialog with that URI. */
    boolean claim(RecorderDialog<MsmlConnection> recorderDialog) {
        return table.claim(recorderDialog);
    }

    /** Forgets every record of the dialog. */
    void forget(RecorderDialog<MsmlConnection> recorderDialog) {
        recorderDialog.session().records().forEach(record -> table.forget(record.key(), recorderDialog));
    }

    /** Forgets records the dialog no longer runs, while it keeps others ({@code terminate}). */
    void forget(RecorderDialog<MsmlConnection> recorderDialog, List<MsmlConnection.Record> records) {
        records.forEach(record -> table.forget(record.key(), recorderDialog));
    }

    /**
     * Groups the destinations by the live dialog that serves them; those without one get their
     * result at once (PAUSE/RESUME: REJECTED; STOP: ENDED "already ended", or REJECTED while the
     * dialog is still being set up).
     */
    Map<RecorderDialog<MsmlConnection>, List<Integer>> live(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                           List<CompletableFuture<DestinationResult>> results,
                                                           boolean stopping) {
        Map<RecorderDialog<MsmlConnection>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < destinations.size(); i++) {
            RecorderDestination destination = destinations.get(i);
            RecorderDialog.Key key = MsmlResults.key(spec, destination);
            RecorderDialog<MsmlConnection> recorderDialog = table.get(key);
            Optional<MsmlConnection.Record> record = recorderDialog == null ? Optional.empty()
                    : recorderDialog.session().record(key, destination.role());
            boolean live = recorderDialog != null && recorderDialog.isLive() && !recorderDialog.session().ending()
                    && record.map(r -> r.live().get()).orElse(false);
            if (live) {
                groups.computeIfAbsent(recorderDialog, ignored -> new ArrayList<>()).add(i);
            } else if (stopping && recorderDialog != null && recorderDialog.state() == RecorderDialog.State.SETTING_UP) {
                results.set(i, DialogOutcomes.done(MsmlResults.result(key.uri(), destination.role(),
                        DestinationStatus.REJECTED, null, "the MSML dialog with " + key.uri() + " is still being set up", null)));
            } else {
                results.set(i, DialogOutcomes.done(MsmlResults.result(key.uri(), destination.role(),
                        stopping ? DestinationStatus.ENDED : DestinationStatus.REJECTED, null,
                        MsmlResults.noLiveDialog(key) + (stopping ? " (already ended)" : ""), null)));
            }
        }
        return groups;
    }

    /** The records of a live dialog that serve these destinations (of the request), in member order. */
    static List<MsmlConnection.Record> records(RecorderDialog<MsmlConnection> recorderDialog, RecordingSessionSpec spec,
                                               List<RecorderDestination> destinations, List<Integer> members) {
        MsmlConnection connection = recorderDialog.session();
        return members.stream()
                .map(i -> connection.record(MsmlResults.key(spec, destinations.get(i)), destinations.get(i).role())
                        .orElseThrow())
                .toList();
    }

    /** No answer, 408 or 481 to an INFO: the dialog is gone (RFC 3261 §12.2.1.2), with each live record. */
    void endIfGone(RecorderDialog<MsmlConnection> recorderDialog, SipOutcome outcome, String what) {
        table.endIfGone(recorderDialog, outcome, what);
    }

    /** One event per record still live: each is a destination of the recording that ended. */
    void ended(RecorderDialog<MsmlConnection> recorderDialog, Integer sipStatus, String reason) {
        for (MsmlConnection.Record record : recorderDialog.session().records()) {
            if (record.live().getAndSet(false)) {
                events.accept(new RecorderEvent(record.key().recordingId(), record.key().uri(), record.role(),
                        sipStatus, reason));
            }
        }
    }

    /** Component stop: a BYE in every live dialog, without waiting. */
    void hangUpAll() {
        table.hangUpAll();
    }
}
