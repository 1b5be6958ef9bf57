package org.recgate.sip.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.sip.header.ReasonHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.recgate.sip.DestinationResult;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.DestinationStatus;
import org.recgate.sip.Dialect;
import org.recgate.sip.FailoverRule;
import org.recgate.sip.stack.SipOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both dialects make of SIP outcomes: results, failover at setup, dialogs that are gone, hang-ups. */
public final class DialogOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(DialogOutcomes.class);

    private DialogOutcomes() {
    }

    /** A failed request: REJECTED (final answer), TIMEOUT (none in time) or UNREACHABLE (not sent). */
    public static DestinationResult failure(String uri, DestinationRole role, Dialect dialect, SipOutcome outcome) {
        DestinationStatus status = switch (outcome.kind()) {
            case ANSWERED -> DestinationStatus.REJECTED;
            case TIMED_OUT -> DestinationStatus.TIMEOUT;
            case NOT_SENT -> DestinationStatus.UNREACHABLE;
        };
        return result(uri, role, dialect, status, outcome.status(), outcome.detail());
    }

    public static DestinationResult result(String uri, DestinationRole role, Dialect dialect, DestinationStatus status,
                                           Integer sipStatus, String detail) {
        return new DestinationResult(uri, role, dialect, status, sipStatus, detail, null);
    }

    /**
     * Tries the candidates one after the other until one succeeds or fails in a way the rule
     * calls final (docs/recording.md §3). {@code attempt} sets up one candidate; {@code decisive}
     * picks the result that decides (for an MSML dialog serving two destinations, the first).
     */
    public static <T> CompletableFuture<T> withFailover(String recordingId, List<String> candidates, FailoverRule rule,
                                                        Function<String, CompletableFuture<T>> attempt,
                                                        Function<T, DestinationResult> decisive) {
        return withFailover(recordingId, candidates, 0, rule, attempt, decisive);
    }

    private static <T> CompletableFuture<T> withFailover(String recordingId, List<String> candidates, int candidate,
                                                         FailoverRule rule, Function<String, CompletableFuture<T>> attempt,
                                                         Function<T, DestinationResult> decisive) {
        String uri = candidates.get(candidate);
        return attempt.apply(uri).thenCompose(outcome -> {
            DestinationResult result = decisive.apply(outcome);
            boolean another = candidate + 1 < candidates.size();
            if (another && rule.triesNextAfter(result)) {
                String next = candidates.get(candidate + 1);
                LOG.info("Recording {}: recorder {} failed ({}), trying {}", recordingId, uri, describe(result), next);
                return withFailover(recordingId, candidates, candidate + 1, rule, attempt, decisive);
            }
            if (result.status() != DestinationStatus.ESTABLISHED) {
                LOG.warn("Recording {}: no recording session with {} ({})", recordingId, uri, describe(result));
            }
            return CompletableFuture.completedFuture(outcome);
        });
    }

    /** No answer, 408 or 481 to a request in a dialog: the dialog is gone (RFC 3261 §12.2.1.2). */
    public static boolean dialogGone(SipOutcome outcome) {
        Integer status = outcome.status();
        return outcome.kind() == SipOutcome.Kind.TIMED_OUT
                || (status != null && (status == Response.REQUEST_TIMEOUT || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
    }

    /** After a gone dialog, a BYE is still worth sending unless the recorder said it does not know the dialog (481). */
    public static boolean worthHangingUp(SipOutcome outcome) {
        return outcome.status() == null || outcome.status() != Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
    }

    /** "recorder sent BYE", with the Reason header's text in brackets when there is one. */
    public static String byeReason(Request bye) {
        ReasonHeader reason = (ReasonHeader) bye.getHeader(ReasonHeader.NAME);
        String text = reason != null && reason.getText() != null ? " (" + reason.getText() + ")" : "";
        return "recorder sent BYE" + text;
    }

    /** The {@code Reason: SIP;cause=} of a BYE, or null. */
    public static Integer byeCause(Request bye) {
        ReasonHeader reason = (ReasonHeader) bye.getHeader(ReasonHeader.NAME);
        boolean sipReason = reason != null && "SIP".equalsIgnoreCase(reason.getProtocol()) && reason.getCause() > 0;
        return sipReason ? reason.getCause() : null;
    }

    public static String describe(DestinationResult result) {
        return result.sipStatus() == null ? result.status().wireName() + ": " + result.detail()
                : result.sipStatus() + " " + result.detail();
    }

    public static <T> CompletableFuture<T> done(T result) {
        return CompletableFuture.completedFuture(result);
    }
}
