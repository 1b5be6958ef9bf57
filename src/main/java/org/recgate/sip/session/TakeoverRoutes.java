package org.recgate.sip.session;

import java.text.ParseException;
import java.util.function.Consumer;
import org.recgate.sip.stack.SipOutcome;
import org.recgate.sip.takeover.DialogTakeover;
import org.recgate.sip.takeover.StoredDialog;

/**
 * The answer hook of a takeover re-INVITE sent through the user agent ({@code sendInitial}'s
 * {@code onAnswer}): on the message thread, before the user agent ACKs a 2xx, the stored route set
 * is put back into the dialog the stack made (docs/durable-state.md §5), so the ACK and every later
 * request follow it. What went wrong, if anything, is kept for the caller, which then gives the
 * dialog up.
 */
public final class TakeoverRoutes implements Consumer<SipOutcome> {

    private final DialogTakeover takeover;
    private final StoredDialog stored;
    private volatile String problem;

    public TakeoverRoutes(DialogTakeover takeover, StoredDialog stored) {
        this.takeover = takeover;
        this.stored = stored;
    }

    @Override
    public void accept(SipOutcome answer) {
        if (answer.isSuccess() && answer.dialog() != null) {
            try {
                takeover.beforeAck(stored, answer.dialog());
            } catch (ParseException | RuntimeException e) {
                problem = "the route set could not be restored: " + e.getMessage();
            }
        }
    }

    /** Why the route set could not be restored, or null. */
    public String problem() {
        return problem;
    }
}
