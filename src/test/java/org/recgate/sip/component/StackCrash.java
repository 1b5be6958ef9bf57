package org.recgate.sip.component;

/**
 * A gateway process that dies with live recordings, as a test can play it in one JVM: the
 * component's SIP stack is stopped directly ({@code SipUserAgent.stop()}: JAIN-SIP closes its
 * listening point and drops its dialogs without a message), not through the component's stop,
 * whose {@code hangUpAll} would BYE every recorder. The recorders keep their sessions, as after
 * {@code kill -9}; stopping the component afterwards sends nothing either, since its user agent
 * has no provider any more.
 */
public final class StackCrash {

    private StackCrash() {
    }

    public static void stopWithoutBye(SipRecorderComponent component) {
        component.userAgent().stop();
    }
}
