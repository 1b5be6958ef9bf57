package org.recgate.support;

/**
 * Whether this instance may act on the outside world now: send a SIP request, write a Kafka
 * record (docs/operations.md, "High availability (hot-standby pair)", Fencing). With a hot-standby
 * pair only the active holds it, and only while its group membership was confirmed recently; a
 * former active that went on after a hang (SIGSTOP past the session timeout) finds it expired at
 * once, before it can know it lost the leadership. Asked before every send, so an implementation
 * must be a volatile read, never a wait. Without HA it is {@link #ALWAYS} held.
 */
@FunctionalInterface
public interface LeadershipLease {

    /** The lease of a gateway without a hot-standby pair: it is the only one, always active. */
    LeadershipLease ALWAYS = () -> true;

    /** The registry name the SIP component and the publishing routes look it up by. */
    String BEAN = "leadershipLease";

    boolean held();
}
