package org.recgate.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values from the switch and clients go into GSIP_REC_FN as [A-Za-z0-9._-] only (docs/security.md, "File names"). */
class FileNameTemplateTest {

    static Stream<Arguments> valuesAndTheirSafeForms() {
        return Stream.of(Arguments.of("UUID_../../x", "UUID_.._.._x"), Arguments.of("+15550100", "_15550100"),
                Arguments.of("a b\\c\0d\ne\u00e9", "a_b_c_d_e_"), Arguments.of("Az09._-", "Az09._-"), Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("valuesAndTheirSafeForms")
    void everyOtherCharacterBecomesAnUnderscore(String value, String safe) {
        assertEquals(safe, FileNameTemplate.safe(value));
    }

    @Test
    void theSwitchsValuesCannotLeaveTheFolder() {
        Recording recording = new Recording("rec/1", "00000000000000a1", "10/01", Side.SOURCE, Cause.REQUEST,
                new RequestedBy("desktop", "1001", 1L), Instant.parse("2026-11-22T09:30:00Z"), List.of(), Map.of());
        FileNameTemplate template = new FileNameTemplate("calls/{callUuid}_{dn}_{ani}_{dnis}_{id}_{date}", "gw 1", ZoneOffset.UTC);
        assertEquals("calls/UUID_.._.._etc_passwd_10_01__15550100_8_0_0_rec_1_2026-11-22",
                template.fileName(recording, "UUID_../../etc/passwd", "+15550100", "8 0;0"),
                "the operator's own text (calls/) is kept; the values' slashes are not");
    }

    @Test
    void missingValuesLeaveNoEmptyParts() {
        Recording recording = new Recording("r1", "00000000000000a1", "1001", Side.SOURCE, Cause.REQUEST,
                new RequestedBy("desktop", "1001", 1L), Instant.parse("2026-12-02T09:30:00Z"), List.of(), Map.of());
        FileNameTemplate shipped = new FileNameTemplate(FileNameTemplate.DEFAULT, "gw1", ZoneOffset.UTC);
        assertEquals("1001_2026-12-02_09-30-00_gw1", shipped.fileName(recording, null, null, null),
                "not _1001___2026-12-02_09-30-00_gw1");
        assertEquals("1001_800_2026-12-02_09-30-00_gw1", shipped.fileName(recording, "", null, "800"));
        assertEquals("U1_1001_555_800_2026-12-02_09-30-00_gw1", shipped.fileName(recording, "U1", "555", "800"),
                "nothing changes when every value is there");
        assertEquals("calls/1001.wav", new FileNameTemplate("calls/{dn}-{ani}.wav", "gw1", ZoneOffset.UTC)
                .fileName(recording, null, null, null), "the template's own text stays, without the lost separator");
        assertEquals("1001", new FileNameTemplate("{dn}_{callUuid}", "gw1", ZoneOffset.UTC)
                .fileName(recording, null, null, null), "nor one at the end");
    }
}
