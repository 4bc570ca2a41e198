package io.hansim.cli.scenario;

/**
 * A technical specification and its version as a device profile carries it, e.g. {@code PPMIDTS 5.0}
 * or {@code CHTS 1.5}: Change of Tenancy behaviour is on from IHDTS/PPMIDTS v5.0, CHTS v1.5 and
 * ESMETS v5.1 (R56.6).
 *
 * @param document IHDTS, PPMIDTS, CHTS, ESMETS or GSMETS
 * @param major    the major version
 * @param minor    the minor version
 */
public record SpecVersion(String document, int major, int minor) {

    /** Whether this version is at least {@code major.minor}. */
    public boolean atLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || (major == otherMajor && minor >= otherMinor);
    }

    @Override
    public String toString() {
        return document + " " + major + "." + minor;
    }
}
