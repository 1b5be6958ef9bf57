package org.recgate.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.recgate.call.Call;
import org.recgate.call.CallChange;
import org.recgate.config.DnConfig;
import org.recgate.config.DnDirectory;
import org.recgate.config.DnType;
import org.recgate.recording.RoutingExtensions.RouteRecord;

/**
 * What a change of a call starts and ends without a request (docs/recording.md §1, ways 1 and 2):
 * <ul>
 *   <li>a DN configured {@code record: true} that joins a call is recorded (cause {@code full-time}),
 *       unless a routing decision disabled it for this call;</li>
 *   <li>a Trunk records the customer side only until the call reaches an agent (an Extension or
 *       ACDPosition): the agent's arrival ends the Trunk's full-time recording;</li>
 *   <li>a routing decision is applied when the call is established at its target: {@code destination}
 *       records the target, {@code source} the customer side (cause {@code routing}), and
 *       {@code disable_*} keeps that side from full-time recording for the rest of the call.</li>
 * </ul>
 * Only decides; {@link RecordingControl} carries the plan out.
 */
final class AutomaticRecording {

    /** A recording to start: the DN, its side, why, and the extensions that shape it. */
    record Start(String dn, Side side, Cause cause, RecordingExtensions extensions, RequestedBy requestedBy) {
    }

    /** The recordings to end (before) and to start (after). */
    record Plan(List<Recording> ends, List<Start> starts) {
        static final Plan NONE = new Plan(List.of(), List.of());

        boolean isEmpty() {
            return ends.isEmpty() && starts.isEmpty();
        }
    }

    private final DnDirectory directory;
    private final RoutingDecisions decisions;

    AutomaticRecording(DnDirectory directory, RoutingDecisions decisions) {
        this.directory = directory;
        this.decisions = decisions;
    }

    /** The plan for a call that changed and goes on ({@code ofCall}: its recordings now). */
    Plan plan(CallChange change, List<Recording> ofCall) {
        if (change.ended() || change.joined().isEmpty()) {
            return Plan.NONE;
        }
        Call call = change.call();
        List<Start> starts = new ArrayList<>();
        decisions.takeFor(call.connectionId(), change.joined()).ifPresent(decision -> starts.addAll(routed(call, decision)));
        starts.addAll(fullTime(call, change.joined(), starts));
        List<Recording> ends = change.joined().stream().anyMatch(this::isAgent) ? trunksFullTime(ofCall) : List.of();
        Set<String> recorded = ofCall.stream()
                .filter(recording -> recording.state() != RecordingState.OFF && !ends.contains(recording))
                .map(Recording::recordedDn).collect(Collectors.toSet());
        // a side that is already being recorded (by a request, say) is not recorded twice
        starts.removeIf(start -> recorded.contains(start.dn()));
        return new Plan(ends, starts);
    }

    private List<Start> routed(Call call, RoutingDecision decision) {
        String target = decision.target();
        Optional<String> customer = customerSide(call, decision);
        RoutingExtensions extensions = decision.extensions();
        extensions.disabledSide().flatMap(side -> side == Side.DESTINATION ? Optional.of(target) : customer)
                .ifPresent(dn -> decisions.disable(call.connectionId(), dn));
        List<Start> starts = new ArrayList<>();
        if (extensions.record().contains(RouteRecord.SOURCE)) {
            customer.ifPresent(dn -> starts.add(new Start(dn, Side.SOURCE, Cause.ROUTING, extensions.recording(),
                    decision.requestedBy())));
        }
        if (extensions.record().contains(RouteRecord.DESTINATION)) {
            starts.add(new Start(target, Side.DESTINATION, Cause.ROUTING, extensions.recording(), decision.requestedBy()));
        }
        return starts;
    }

    /**
     * The source of a routed call: a party other than the target and the routing point, the
     * customer's (a Trunk or a DN the DN file does not know) before an agent's.
     */
    private Optional<String> customerSide(Call call, RoutingDecision decision) {
        List<String> others = call.parties().stream()
                .filter(dn -> !dn.equals(decision.target()) && !dn.equals(decision.routingPoint())).toList();
        return others.stream().filter(dn -> !isAgent(dn)).findFirst().or(() -> others.stream().findFirst());
    }

    private List<Start> fullTime(Call call, Set<String> joined, List<Start> routed) {
        boolean agentOnCall = call.parties().stream().anyMatch(this::isAgent);
        List<Start> starts = new ArrayList<>();
        for (String dn : joined) {
            Optional<DnConfig> config = directory.dn(dn);
            boolean fullTime = config.map(DnConfig::record).orElse(false);
            boolean trunkAfterAgent = agentOnCall && config.map(c -> c.type() == DnType.Trunk).orElse(false);
            boolean routedAlready = routed.stream().anyMatch(start -> start.dn().equals(dn));
            if (fullTime && !trunkAfterAgent && !routedAlready && !decisions.isDisabled(call.connectionId(), dn)) {
                starts.add(new Start(dn, Side.SOURCE, Cause.FULL_TIME, RecordingExtensions.NONE, null));
            }
        }
        return starts;
    }

    private List<Recording> trunksFullTime(List<Recording> ofCall) {
        return ofCall.stream().filter(recording -> recording.startCause() == Cause.FULL_TIME
                        && recording.state() != RecordingState.OFF
                        && directory.dn(recording.recordedDn()).map(c -> c.type() == DnType.Trunk).orElse(false))
                .toList();
    }

    private boolean isAgent(String dn) {
        return directory.dn(dn).map(config -> config.type().isAgent()).orElse(false);
    }
}
