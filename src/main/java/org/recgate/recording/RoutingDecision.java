package org.recgate.recording;

/**
 * What a {@code RequestRouteCall} decided about recording a call routed from {@code routingPoint}
 * to {@code target}: applied once, when the call is established at the target.
 */
public record RoutingDecision(String connectionId, String routingPoint, String target, RoutingExtensions extensions,
                              RequestedBy requestedBy) {
}
