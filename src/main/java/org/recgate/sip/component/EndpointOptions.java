package org.recgate.sip.component;

import java.util.Map;
import java.util.Set;

/**
 * Which options an endpoint URI may set: not those of the component's one SIP listening point
 * (and its keepalives), and {@code messageTo} / {@code batch} only on the endpoint they mean
 * something to (docs/sip-recorder.md, URI syntax).
 */
final class EndpointOptions {

    private static final Set<String> LISTENING_POINT_OPTIONS = Set.of("host", "port", "transport", "recorderHosts",
            "maxMessageBytes", "tlsKeystore", "tlsKeystorePassword", "tlsTruststore", "tlsTruststorePassword",
            "keepaliveRecorders", "keepaliveMs", "keepaliveFailures", "hangUpOnStop");

    private EndpointOptions() {
    }

    /** Refuses an option of the component in the endpoint's URI. */
    static void refuseComponentOptions(Map<String, Object> parameters, String uri) {
        for (String option : LISTENING_POINT_OPTIONS) {
            if (parameters.containsKey(option)) {
                throw new IllegalArgumentException("sip-recorder: '" + option
                        + "' belongs to the component (one SIP listening point for all endpoints), not to " + uri);
            }
        }
    }

    /** {@code messageTo} and {@code batch} mean something to one kind of endpoint each: elsewhere they are refused. */
    static void requireOptionsOf(SipRecorderEndpoint.Purpose purpose, SipRecorderConfiguration options, String uri) {
        if (purpose != SipRecorderEndpoint.Purpose.MESSAGE && !options.messageTargets().isEmpty()) {
            throw new IllegalArgumentException("sip-recorder: messageTo is an option of sip-recorder:message, not of " + uri);
        }
        if (purpose != SipRecorderEndpoint.Purpose.SESSION && options.isBatch()) {
            throw new IllegalArgumentException("sip-recorder: batch is an option of sip-recorder:session, not of " + uri);
        }
    }
}
