package org.recgate.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.SipStack;

/** What the user agent's SIP stack holds in dialogs, for gauges and recorder liveness; empty while stopped. */
public final class StackDialogs {

    private final SipStack stack;

    StackDialogs(SipStack stack) {
        this.stack = stack;
    }

    /** The dialogs the stack holds, established or early. */
    public int count() {
        return stack instanceof SipStackImpl running ? running.getDialogs().size() : 0;
    }

    /**
     * The distinct remote targets (RFC 3261 §12.1.2) of the confirmed dialogs: the recorders of live
     * sessions. Distinct, because thousands of sessions share a handful of recorders and the caller
     * parses each target.
     */
    public Set<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        if (stack instanceof SipStackImpl running) {
            for (Dialog dialog : running.getDialogs()) {
                if (dialog.getState() == DialogState.CONFIRMED && dialog.getRemoteTarget() != null) {
                    targets.add(dialog.getRemoteTarget().getURI().toString());
                }
            }
        }
        return targets;
    }

    /** The confirmed dialogs (RFC 3261 §12): the live sessions, for mid-call failover. */
    public List<Dialog> confirmed() {
        List<Dialog> confirmed = new ArrayList<>();
        if (stack instanceof SipStackImpl running) {
            for (Dialog dialog : running.getDialogs()) {
                if (dialog.getState() == DialogState.CONFIRMED) {
                    confirmed.add(dialog);
                }
            }
        }
        return confirmed;
    }
}
