package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recgate.recording.RoutingExtensions.RouteRecord;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;

class RoutingExtensionsTest {

    private static TlibException refused(Map<String, Object> extensions) {
        return assertThrows(TlibException.class, () -> RoutingExtensions.parse(extensions));
    }

    @Test
    void recordTakesOneOrMoreValuesAndTheRecordingExtensions() {
        RoutingExtensions parsed = RoutingExtensions.parse(Map.of("Record", "Source, disable_destination",
                "id", "r-1", "dest", "sip:srs@rec", "params", "a=1"));
        assertEquals(Set.of(RouteRecord.SOURCE, RouteRecord.DISABLE_DESTINATION), parsed.record());
        assertEquals(Optional.of(Side.DESTINATION), parsed.disabledSide());
        assertEquals("r-1", parsed.recording().id());
        assertEquals("sip:srs@rec", parsed.recording().dest());
        assertEquals(Map.of("a", "1"), parsed.recording().params());
    }

    @Test
    void noRecordIsNoDecision() {
        RoutingExtensions parsed = RoutingExtensions.parse(Map.of("priority", "5"));
        assertTrue(parsed.record().isEmpty());
        assertEquals(Optional.empty(), parsed.disabledSide());
    }

    @Test
    void bothSidesCannotBeDisabledByOneRequest() {
        TlibException error = refused(Map.of("record", "disable_source,disable_destination"));
        assertEquals(ErrorCode.INVALID_ATTRIBUTE, error.errorCode());
        assertTrue(error.getMessage().contains("one side only"), error.getMessage());
    }

    @Test
    void contradictionsAndUnknownValuesAre53() {
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
                Map.of("record", "source,disable_source"), Map.of("record", "both"), Map.of("record", ""),
                Map.of("record", 1L), Map.of("record", "source,destination", "id", "x"), Map.of("record", "source", "dest", 5L))) {
            assertEquals(ErrorCode.INVALID_ATTRIBUTE, refused(bad).errorCode(), bad.toString());
        }
    }
}
