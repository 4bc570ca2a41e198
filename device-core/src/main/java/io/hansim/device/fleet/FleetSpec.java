package io.hansim.device.fleet;

import java.util.List;
import java.util.Objects;

/**
 * A fleet rollout as data (issue 8): how many hubs, what devices each hub has, the images, the
 * rollout schedule, the faults drawn per hub, and the seed. Everything a fleet run does is a pure
 * function of this record.
 *
 * @param name             a label for reports
 * @param hubs             number of Communications Hubs, each its own simulation
 * @param seed             the fleet seed; each hub's seed is derived from it and the hub index
 * @param mix              devices per hub
 * @param ppmidImage       the image distributed to every PPMID
 * @param hcalcsImage      the image distributed to every HCALCS, or null when the mix has none
 * @param rollout          waves, rate and CH buffer limits
 * @param faults           fault profiles, one drawn per hub by weight; at least one
 * @param hubTimeout       virtual microseconds a hub's rollout may take before devices still going
 *                         are counted "timed out"
 * @param successThreshold 0..1: a run whose success rate is below it fails (exit code 1)
 */
public record FleetSpec(String name, int hubs, long seed, DeviceMix mix, FleetImage ppmidImage,
        FleetImage hcalcsImage, Rollout rollout, List<FaultProfile> faults, long hubTimeout,
        double successThreshold) {

    /** Most devices one hub's HAN gets here (EUI-64s and short addresses are allotted per hub). */
    public static final int MAX_DEVICES_PER_HUB = 200;

    public FleetSpec {
        Objects.requireNonNull(name, "name");
        if (hubs < 1) {
            throw new IllegalArgumentException("hubs must be at least 1: " + hubs);
        }
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(ppmidImage, "ppmidImage");
        Objects.requireNonNull(rollout, "rollout");
        faults = List.copyOf(faults);
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("faults: at least one profile (use one with no loss)");
        }
        if (mix.hcalcs() > 0 && hcalcsImage == null) {
            throw new IllegalArgumentException("the mix has HCALCS: an hcalcsImage is needed");
        }
        if (hubTimeout <= 0) {
            throw new IllegalArgumentException("hubTimeout must be positive: " + hubTimeout);
        }
        if (!(successThreshold >= 0 && successThreshold <= 1)) {
            throw new IllegalArgumentException("successThreshold must be 0..1: " + successThreshold);
        }
    }

    /** Total weight of the fault profiles. */
    double faultWeight() {
        return faults.stream().mapToDouble(FaultProfile::weight).sum();
    }

    /**
     * The devices on each hub's HAN. The number of PPMIDs is drawn per hub, uniformly in
     * [ppmidsMin, ppmidsMax]; each PPMID is a legacy model with no OTA client (R7.12) with chance
     * {@code legacyShare}, else dual-mode (R202.1) with chance {@code dualModeShare}.
     */
    public record DeviceMix(int ppmidsMin, int ppmidsMax, int ihds, int hcalcs, double dualModeShare,
            double legacyShare) {
        public DeviceMix {
            if (ppmidsMin < 0 || ppmidsMax < ppmidsMin) {
                throw new IllegalArgumentException("need 0 <= ppmidsMin <= ppmidsMax: " + ppmidsMin + ", " + ppmidsMax);
            }
            if (ihds < 0 || hcalcs < 0) {
                throw new IllegalArgumentException("ihds and hcalcs must not be negative: " + ihds + ", " + hcalcs);
            }
            if ((long) ppmidsMax + ihds + hcalcs > MAX_DEVICES_PER_HUB) {
                throw new IllegalArgumentException("at most " + MAX_DEVICES_PER_HUB + " devices per hub");
            }
            share("dualModeShare", dualModeShare);
            share("legacyShare", legacyShare);
        }
    }

    /**
     * An image built for the run (signed with the fleet's key, contents generated from the version):
     * devices run {@code fromVersion} and are offered {@code toVersion}.
     *
     * @param size octets of the Manufacturer Image (the OTA file is a little larger)
     */
    public record FleetImage(long fromVersion, long toVersion, int size) {
        public FleetImage {
            if (size < 1 || size > 16 << 20) {
                throw new IllegalArgumentException("image size must be 1..16 MiB: " + size);
            }
            if (toVersion <= fromVersion || fromVersion < 0 || toVersion > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("need 0 <= fromVersion < toVersion <= 0xFFFFFFFF");
            }
        }
    }

    /**
     * When hubs start and what the CH may buffer. Hubs go into waves in index order by share; within
     * a wave, hub k starts {@code k / hubsPerHour} hours after the wave's start.
     *
     * @param waves                  at least one; shares are normalised
     * @param hubsPerHour            rollout rate, hubs started per hour of virtual time
     * @param chBufferBytes          the CH image buffer's size (R7.7)
     * @param maxConcurrentTransfers downloads a CH serves at once, 0 for no limit (R7.8)
     */
    public record Rollout(List<Wave> waves, double hubsPerHour, long chBufferBytes, int maxConcurrentTransfers) {
        public Rollout {
            waves = List.copyOf(waves);
            if (waves.isEmpty()) {
                throw new IllegalArgumentException("waves: at least one");
            }
            if (!(hubsPerHour > 0)) {
                throw new IllegalArgumentException("hubsPerHour must be positive: " + hubsPerHour);
            }
            if (chBufferBytes < 1 || maxConcurrentTransfers < 0) {
                throw new IllegalArgumentException("chBufferBytes must be positive, maxConcurrentTransfers >= 0");
            }
        }
    }

    /** A wave: starts at {@code start} (virtual microseconds) and takes {@code share} of the hubs. */
    public record Wave(long start, double share) {
        public Wave {
            if (start < 0 || !(share > 0)) {
                throw new IllegalArgumentException("a wave needs start >= 0 and share > 0");
            }
        }
    }

    /**
     * A fault profile, drawn per hub by {@code weight}: link faults on every link of the hub's HAN,
     * and per-device shares of power cuts mid-download (R7.8), images that fail to boot (R7.14) and
     * hardware outside the image's range (R7.6).
     */
    public record FaultProfile(String name, double weight, double lossPercent, double duplicatePercent,
            long minDelay, long maxDelay, double powerCutShare, double bootFailureShare,
            double hardwareMismatchShare) {
        public FaultProfile {
            Objects.requireNonNull(name, "name");
            if (!(weight > 0)) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
            share("powerCutShare", powerCutShare);
            share("bootFailureShare", bootFailureShare);
            share("hardwareMismatchShare", hardwareMismatchShare);
            // loss, duplication and delays are checked by LinkFaults when the hub is built
            new io.hansim.device.han.LinkFaults(lossPercent, duplicatePercent, minDelay, maxDelay, 100,
                    List.of(), null);
        }
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be 0..1: " + v);
        }
    }
}
