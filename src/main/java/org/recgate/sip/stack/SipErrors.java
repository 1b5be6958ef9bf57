package org.recgate.sip.stack;

/** How a SIP stack exception reads in a result's detail or a log line. */
final class SipErrors {

    private SipErrors() {
    }

    /** The exception's message, and its root cause when it has one. */
    static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
