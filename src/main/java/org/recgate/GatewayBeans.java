package org.recgate;

import java.util.List;

/**
 * The names {@link RecGateConfiguration} (and its area classes) binds and route files may refer to ({@code ref: name},
 * {@code #name}): what {@code check-config} checks route files against without starting anything,
 * and what a refused route file's message lists. GatewayBeansTest keeps it equal to the bindings.
 */
public final class GatewayBeans {

    public static final List<String> NAMES = List.of(
            "apiCredentials", "apiErrors", "apiEvents", "apiQueries", "apiRequests", "auditRecords", "callChanges", "callQuery", "callStateRecords", "dnDirectory", "haTakeover", "indicationRecords", "indicationSteps",
            "kafkaCallFeed", "kafkaQueueFactory", "kafkaQueues", "kafkaSendFailures", "leadershipLease", "recorderEvents", "recorderTasks",
            "recordingRequests", "registrations", "routeCallSteps", "screenRecorderSteps", "shutdownSteps", "staleCalls", "stateJournal", "stateRestore", "switchFeed",
            "tlibErrorReplies", "tlibFlushConsolidation", "tlibFrameDecoder", "tlibMessageDecoder",
            "tlibMessageEncoder", "tlibOutbound", "tlibReplies", "tlibRequestGate", "tlibSessionTracker",
            "tlibSessions", "tlibTls", "userEventRecords", "userEventSteps");

    private GatewayBeans() {
    }
}
