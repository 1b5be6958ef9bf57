package org.recgate.recording;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

/**
 * The recording part of a {@code RequestRouteCall}'s AttrExtensions (docs/protocol.md,
 * RequestRouteCall): {@code record} = one or more of source, destination, disable_source,
 * disable_destination (comma-separated), with {@code id}, {@code dest}, {@code dest2},
 * {@code params} for the recordings it starts, read as {@link RecordingExtensions} reads them.
 */
public record RoutingExtensions(Set<RouteRecord> record, RecordingExtensions recording) {

    /** One value of the {@code record} key. */
    public enum RouteRecord {
        SOURCE, DESTINATION, DISABLE_SOURCE, DISABLE_DESTINATION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static RouteRecord parse(String value) {
            for (RouteRecord candidate : values()) {
                if (candidate.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return candidate;
                }
            }
            throw invalid("record '" + value + "' must be source, destination, disable_source or disable_destination");
        }
    }

    public RoutingExtensions {
        record = record.isEmpty() ? EnumSet.noneOf(RouteRecord.class) : EnumSet.copyOf(record);
    }

    public static RoutingExtensions parse(Map<String, Object> extensions) {
        Map<String, Object> rest = new LinkedHashMap<>();
        Object record = null;
        for (Map.Entry<String, Object> entry : extensions.entrySet()) {
            if (entry.getKey().equalsIgnoreCase("record")) {
                record = entry.getValue();
            } else {
                rest.put(entry.getKey(), entry.getValue());
            }
        }
        Set<RouteRecord> options = options(record);
        RecordingExtensions recording = RecordingExtensions.parse(rest);
        boolean recordsTwoSides = options.contains(RouteRecord.SOURCE) && options.contains(RouteRecord.DESTINATION);
        if (recording.id() != null && recordsTwoSides) {
            throw invalid("id names one recording, but record asks for both sides: send two requests, or no id");
        }
        return new RoutingExtensions(options, recording);
    }

    private static Set<RouteRecord> options(Object record) {
        if (record == null) {
            return EnumSet.noneOf(RouteRecord.class);
        }
        if (!(record instanceof String text) || text.isBlank()) {
            throw invalid("record must be a non-empty string");
        }
        Set<RouteRecord> options = EnumSet.noneOf(RouteRecord.class);
        for (String value : text.split(",")) {
            options.add(RouteRecord.parse(value));
        }
        // docs/recording.md §1: a routing decision can disable one side only (Genesys: one TRouteCall cannot disable both)
        if (options.contains(RouteRecord.DISABLE_SOURCE) && options.contains(RouteRecord.DISABLE_DESTINATION)) {
            throw invalid("record '" + text + "' disables both sides; one RequestRouteCall can disable one side only");
        }
        if (options.contains(RouteRecord.SOURCE) && options.contains(RouteRecord.DISABLE_SOURCE)
                || options.contains(RouteRecord.DESTINATION) && options.contains(RouteRecord.DISABLE_DESTINATION)) {
            throw invalid("record '" + text + "' both records and disables the same side");
        }
        return options;
    }

    /** The side whose full-time recording this decision suppresses for the call, if any. */
    public Optional<Side> disabledSide() {
        if (record.contains(RouteRecord.DISABLE_SOURCE)) {
            return Optional.of(Side.SOURCE);
        }
        return record.contains(RouteRecord.DISABLE_DESTINATION) ? Optional.of(Side.DESTINATION) : Optional.empty();
    }

    private static TlibException invalid(String message) {
        return new TlibException(ErrorCode.INVALID_ATTRIBUTE, "AttrExtensions: " + message);
    }
}
