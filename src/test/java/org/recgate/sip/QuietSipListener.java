package org.recgate.sip;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/**
 * A test peer's {@link SipListener} that only answers requests: the peers of the tests send no
 * requests of their own and keep nothing per transaction or dialog, so every other event is ignored
 * (the tests look at what arrived).
 */
public abstract class QuietSipListener implements SipListener {

    @Override
    public void processResponse(ResponseEvent event) {
        // it sends no requests
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // nothing waits for an answer
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // the test looks at what arrived
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // nothing kept per dialog
    }
}
