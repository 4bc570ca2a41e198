package io.hansim.device.fleet;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one hub's rollout came to; a fleet keeps only these, not the simulations (memory, issue 8).
 *
 * @param index           the hub's index in the fleet
 * @param faultProfile    the name of the fault profile drawn for it
 * @param startAt         virtual microseconds from the fleet's start to the hub's distribution
 * @param devices         devices by kind: "ppmid", "ppmid-legacy", "ihd", "hcalcs"
 * @param targeted        devices the rollout was addressed to (PPMIDs and HCALCS)
 * @param upgraded        of those, the ones running the new version at the end
 * @param ccs08           the last CCS08 outcome per targeted device, by code 0..3; index 4: none
 * @param timesToUpgrade  virtual microseconds from distribution to confirmed upgrade, per upgraded device
 * @param leftOnOldImage  devices still on the old image, by reason
 * @param hanFrames       frames sent on the hub's HAN
 * @param hanBytes        APS payload octets of those frames
 * @param duration        virtual microseconds the hub's rollout took (to its last device's end)
 */
public record HubResult(int index, String faultProfile, long startAt, Map<String, Integer> devices, int targeted,
        int upgraded, int[] ccs08, long[] timesToUpgrade, Map<String, Integer> leftOnOldImage, long hanFrames,
        long hanBytes, long duration) {
    public HubResult {
        Objects.requireNonNull(faultProfile, "faultProfile");
        devices = java.util.Collections.unmodifiableMap(new TreeMap<>(devices));
        leftOnOldImage = java.util.Collections.unmodifiableMap(new TreeMap<>(leftOnOldImage));
        ccs08 = ccs08.clone();
        timesToUpgrade = timesToUpgrade.clone();
        if (ccs08.length != 5) {
            throw new IllegalArgumentException("ccs08: codes 0..3 and none");
        }
    }
}
