package io.hansim.device.cot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecVersionTest {
    @Test
    void r56_6_parsesTheVersionsOfTheReport() {
        assertEquals(new SpecVersion(5, 0), SpecVersion.parse("5.0"));
        assertEquals(new SpecVersion(4, 2), SpecVersion.parse("v4.2"));
        assertEquals("1.5", SpecVersion.parse("1.5").toString());
    }

    @Test
    void ordersByMajorThenMinorAsNumbers() {
        assertTrue(SpecVersion.parse("4.10").compareTo(SpecVersion.parse("4.2")) > 0);
        assertTrue(SpecVersion.parse("5.0").compareTo(SpecVersion.parse("4.10")) > 0);
        assertTrue(SpecVersion.parse("5.0").isAtLeast(CotProfile.DEFAULT_THRESHOLD));
        assertTrue(!SpecVersion.parse("4.2").isAtLeast(CotProfile.DEFAULT_THRESHOLD));
    }

    @Test
    void badTextFailsTyped() {
        for (String bad : new String[] {"5", "5.", ".0", "5.0.1", "five", "", " 5.0", "1000.0"}) {
            SpecVersionFormatException e = assertThrows(SpecVersionFormatException.class, () -> SpecVersion.parse(bad));
            assertEquals(bad, e.text());
        }
        assertThrows(SpecVersionFormatException.class, () -> SpecVersion.parse(null));
    }
}
