package org.recgate.sip.msml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.RecordingSessionSpec;
import org.recgate.sip.RecorderDestination;
import org.recgate.sip.session.DialogOutcomes;
import org.recgate.sip.session.RecorderDialog;
import org.recgate.sip.stack.SipOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an MSML request's answer means for its destinations. A request succeeds only when the 2xx
 * to its INFO carries {@code <result response="200"/>}: in RFC 5707 the media server answers each
 * request with a {@code <result>} whose 200 means done, so a 2xx alone (the INFO arrived) is not
 * enough. Anything else fails the request and leaves the dialog as it was.
 */
final class MsmlResults {

    private static final Logger LOG = LoggerFactory.getLogger(MsmlResults.class);

    private MsmlResults() {
    }

    /** The dialog's state for an ESTABLISHED result ({@link MsmlDialogState}); null when the stack's dialog cannot give it. */
    static Map<String, Object> stateOf(RecorderDialog<MsmlConnection> recorderDialog, String transport) {
        try {
            return MsmlDialogState.capture(recorderDialog, transport);
        } catch (RuntimeException e) {
            LOG.warn("Recording {}: no dialog state for the MSML dialog with {}: {}", recorderDialog.key().recordingId(),
                    recorderDialog.key().uri(), e.getMessage());
            return null;
        }
    }

    /** The {@code <result>} in the answer's body, if it has one. */
    static Optional<MsmlBodies.Result> resultOf(SipOutcome outcome) {
        return MsmlBodies.resultOf(MsmlMessages.textOf(outcome.response()));
    }

    /** A 2xx whose {@code <result>} says 200. */
    static boolean succeeded(SipOutcome outcome, Optional<MsmlBodies.Result> result) {
        return outcome.isSuccess() && result.map(MsmlBodies.Result::ok).orElse(false);
    }

    /** An INFO that did not get a 2xx with result 200. */
    static DestinationResult infoFailure(String uri, DestinationRole role, SipOutcome outcome,
                                         Optional<MsmlBodies.Result> result) {
        Integer code = result.map(MsmlBodies.Result::code).orElse(null);
        if (outcome.kind() != SipOutcome.Kind.ANSWERED) {
            return DialogOutcomes.failure(uri, role, Dialect.MSML, outcome);
        }
        String detail = outcome.isSuccess()
                ? result.map(MsmlBodies.Result::describe).orElse("no MSML result in the media server's answer")
                : outcome.detail() + result.map(r -> " (" + r.describe() + ")").orElse("");
        return result(uri, role, DestinationStatus.REJECTED, outcome.status(), detail, code);
    }

    static DestinationResult result(String uri, DestinationRole role, DestinationStatus status, Integer sipStatus,
                                    String detail, Integer resultCode) {
        return new DestinationResult(uri, role, Dialect.MSML, status, sipStatus, detail, null, resultCode);
    }

    /** One result per record of the connection, in record order. */
    static List<DestinationResult> each(MsmlConnection connection, Function<MsmlConnection.Record, DestinationResult> result) {
        return each(connection.records(), result);
    }

    static List<DestinationResult> each(List<MsmlConnection.Record> records,
                                        Function<MsmlConnection.Record, DestinationResult> result) {
        return records.stream().map(result).toList();
    }

    /** For the log: the answer's status, or its MSML result. */
    static String describe(SipOutcome outcome) {
        if (!outcome.isSuccess()) {
            return outcome.describe();
        }
        return resultOf(outcome).map(MsmlBodies.Result::describe).orElse(outcome.describe() + ", no MSML result");
    }

    static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "; " + second;
    }

    static RecorderDialog.Key key(RecordingSessionSpec spec, RecorderDestination destination) {
        return new RecorderDialog.Key(spec.recordingId(), destination.uri());
    }

    static String noLiveDialog(RecorderDialog.Key key) {
        return "no live MSML recording dialog for recording " + key.recordingId() + " with " + key.uri();
    }
}
