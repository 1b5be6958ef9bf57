package org.recgate.sip.msml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.stack.SipUserAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PAUSE, RESUME and STOP of records in live MSML dialogs:
 * <ul>
 * <li>PAUSE / RESUME: one INFO per dialog with {@code <send event="pause|resume">} to each of its records;</li>
 * <li>STOP of the dialog's last live records: an INFO with {@code <dialogend>}, then BYE, whatever
 *     the dialogend's answer (STOP always ends);</li>
 * <li>STOP of some records of a dialog that keeps others: {@code <send event="terminate">} to each.</li>
 * </ul>
 * Each destination's result comes from its INFO's answer (see {@link MsmlResults}); a failed one
 * leaves the dialog as it was, unless the answer says the dialog is gone (RFC 3261 §12.2.1.2).
 */
record MsmlControl(SipUserAgent userAgent, MsmlMessages messages, MsmlDialogs dialogs) {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlControl.class);

    /** PAUSE ({@code event} "pause") or RESUME ("resume"). */
    List<CompletableFuture<DestinationResult>> signal(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                      String event) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        dialogs.live(spec, destinations, results, false).forEach((recorderDialog, members) -> {
            MsmlConnection connection = recorderDialog.session();
            List<MsmlConnection.Record> records = MsmlDialogs.records(recorderDialog, spec, destinations, members);
            String body = MsmlBodies.send(event, records.stream()
                    .map(r -> MsmlBodies.recordTarget(connection.toTag(), r.id())).toList());
            // the records' new state, before any result captures it (a dialog state names every record)
            CompletableFuture<SipOutcome> sent = messages.sendInfo(recorderDialog, body).thenApply(outcome -> {
                if (MsmlResults.succeeded(outcome, MsmlResults.resultOf(outcome))) {
                    records.forEach(record -> record.paused().set("pause".equals(event)));
                }
                return outcome;
            });
            for (int i = 0; i < members.size(); i++) {
                MsmlConnection.Record record = records.get(i);
                String uri = record.key().uri();
                results.set(members.get(i), sent.thenApply(outcome -> {
                    Optional<MsmlBodies.Result> result = MsmlResults.resultOf(outcome);
                    if (MsmlResults.succeeded(outcome, result)) {
                        return new DestinationResult(uri, record.role(), Dialect.MSML, DestinationStatus.ESTABLISHED,
                                outcome.status(), null, null, 200)
                                .withDialogState(MsmlResults.stateOf(recorderDialog, userAgent.transport()));
                    }
                    dialogs.endIfGone(recorderDialog, outcome, "INFO (" + event + ")");
                    return MsmlResults.infoFailure(uri, record.role(), outcome, result);
                }));
            }
            sent.thenAccept(outcome -> {
                if (!MsmlResults.succeeded(outcome, MsmlResults.resultOf(outcome))) {
                    LOG.warn("Recording {}: the media server {} did not {} ({})", spec.recordingId(),
                            recorderDialog.key().uri(), event, MsmlResults.describe(outcome));
                }
            });
        });
        return results;
    }

    List<CompletableFuture<DestinationResult>> stop(RecordingSessionSpec spec, List<RecorderDestination> destinations,
                                                    MsmlSettings settings) {
        List<CompletableFuture<DestinationResult>> results = new ArrayList<>(Collections.nCopies(destinations.size(), null));
        dialogs.live(spec, destinations, results, true).forEach((recorderDialog, members) -> {
            List<MsmlConnection.Record> records = MsmlDialogs.records(recorderDialog, spec, destinations, members);
            boolean wholeDialog = recorderDialog.session().liveRecords().stream().allMatch(records::contains);
            CompletableFuture<List<DestinationResult>> stopped = wholeDialog
                    ? endDialog(spec, recorderDialog, records, settings)
                    : terminate(spec, recorderDialog, records);
            for (int i = 0; i < members.size(); i++) {
                int member = i;
                results.set(members.get(i), stopped.thenApply(list -> list.get(member)));
            }
        });
        return results;
    }

    /** The last live records of the dialog: {@code <dialogend>}, then BYE. */
    private CompletableFuture<List<DestinationResult>> endDialog(RecordingSessionSpec spec,
                                                                 RecorderDialog<MsmlConnection> recorderDialog,
                                                                 List<MsmlConnection.Record> records, MsmlSettings settings) {
        MsmlConnection connection = recorderDialog.session();
        connection.ending(true); // the msml.dialog.exit that follows is expected, not the media server's own end
        records.forEach(record -> record.live().set(false));
        dialogs.forget(recorderDialog);
        return messages.sendInfo(recorderDialog, MsmlBodies.dialogend(connection.toTag())).thenCompose(ended -> {
            Optional<MsmlBodies.Result> result = MsmlResults.resultOf(ended);
            String dialogendProblem = MsmlResults.succeeded(ended, result) ? null
                    : "dialogend: " + (ended.isSuccess() ? result.map(MsmlBodies.Result::describe)
                            .orElse("no MSML result in the answer") : ended.describe());
            Integer resultCode = result.map(MsmlBodies.Result::code).orElse(null);
            if (recorderDialog.end() != RecorderDialog.State.LIVE) {
                return DialogOutcomes.done(ended(records, ended.status(), MsmlResults.join(dialogendProblem,
                        "the media server had already ended the dialog"), resultCode));
            }
            if (!DialogOutcomes.worthHangingUp(ended)) {
                return DialogOutcomes.done(ended(records, ended.status(), dialogendProblem, resultCode));
            }
            Request bye;
            try {
                bye = recorderDialog.dialog().createRequest(Request.BYE);
            } catch (SipException e) {
                return DialogOutcomes.done(ended(records, null,
                        MsmlResults.join(dialogendProblem, "could not send BYE: " + e.getMessage()), resultCode));
            }
            return userAgent.sendInDialog(recorderDialog.dialog(), bye, settings.timeoutMs()).thenApply(byed -> {
                LOG.debug("Recording {}: MSML dialog with {} stopped ({}; BYE {})", spec.recordingId(),
                        recorderDialog.key().uri(), MsmlResults.describe(ended), byed.describe());
                return ended(records, byed.status(),
                        MsmlResults.join(dialogendProblem, byed.isSuccess() ? null : "BYE: " + byed.describe()), resultCode);
            });
        });
    }

    /** Some records of a dialog that keeps others: {@code <send event="terminate">} to each. */
    private CompletableFuture<List<DestinationResult>> terminate(RecordingSessionSpec spec,
                                                                 RecorderDialog<MsmlConnection> recorderDialog,
                                                                 List<MsmlConnection.Record> records) {
        MsmlConnection connection = recorderDialog.session();
        records.forEach(record -> record.live().set(false));
        dialogs.forget(recorderDialog, records);
        String body = MsmlBodies.send("terminate", records.stream()
                .map(r -> MsmlBodies.recordTarget(connection.toTag(), r.id())).toList());
        return messages.sendInfo(recorderDialog, body).thenApply(outcome -> {
            Optional<MsmlBodies.Result> result = MsmlResults.resultOf(outcome);
            LOG.debug("Recording {}: records {} on {} stopped ({})", spec.recordingId(),
                    records.stream().map(MsmlConnection.Record::id).toList(), recorderDialog.key().uri(),
                    MsmlResults.describe(outcome));
            dialogs.endIfGone(recorderDialog, outcome, "INFO (terminate)");
            String problem = MsmlResults.succeeded(outcome, result) ? null : "terminate: " + (outcome.isSuccess()
                    ? result.map(MsmlBodies.Result::describe).orElse("no MSML result in the answer") : outcome.describe());
            return ended(records, outcome.status(), problem, result.map(MsmlBodies.Result::code).orElse(null));
        });
    }

    /** ENDED for each stopped record. */
    private static List<DestinationResult> ended(List<MsmlConnection.Record> records, Integer sipStatus, String detail,
                                                 Integer resultCode) {
        return MsmlResults.each(records, record -> MsmlResults.result(record.key().uri(), record.role(),
                DestinationStatus.ENDED, sipStatus, detail, resultCode));
    }
}
