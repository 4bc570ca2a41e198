package io.hansim.zigbee.ota.server;

/**
 * When the server tells a client to apply a downloaded image: the CurrentTime and UpgradeTime of
 * the Upgrade End Response (zigbee-ota.md §5.2).
 *
 * <ul>
 *   <li>{@link Now}: CurrentTime 0, UpgradeTime 0. The PPMID case (requirements R7.4).
 *   <li>{@link AfterDelay}: CurrentTime 0, UpgradeTime N seconds (relative).
 *   <li>{@link AtUtcTime}: both UTC; CurrentTime is the server's UTCTime now
 *       (from the server's {@link UtcClock}). A time already past is sent
 *       as "now" (UpgradeTime = CurrentTime), since a client that sees UpgradeTime &lt;
 *       CurrentTime may wait an hour instead (Silicon Labs, §5.2).
 *   <li>{@link WaitForCommand}: CurrentTime 0, UpgradeTime 0xFFFFFFFF; the server later sends an
 *       unsolicited Upgrade End Response "now" when the CH application says so
 *       ({@link ServerEvent.ActivateNow}). The natural choice for an HCALCS that waits for CS06
 *       (R7.5).
 * </ul>
 */
public sealed interface ActivationPolicy
        permits ActivationPolicy.Now, ActivationPolicy.AfterDelay, ActivationPolicy.AtUtcTime,
        ActivationPolicy.WaitForCommand {

    /** Upgrade at once: 0 / 0. */
    record Now() implements ActivationPolicy {
    }

    /**
     * Upgrade after a delay: 0 / seconds.
     *
     * @param seconds 0..0xFFFFFFFE (0xFFFFFFFF would mean "wait for a command")
     */
    record AfterDelay(long seconds) implements ActivationPolicy {
        public AfterDelay {
            if (seconds < 0 || seconds > 0xFFFF_FFFEL) {
                throw new IllegalArgumentException("delay must be 0..0xFFFFFFFE seconds: " + seconds);
            }
        }
    }

    /**
     * Upgrade at a UTC time: CurrentTime / UpgradeTime both UTCTime.
     *
     * @param utcTime ZCL UTCTime (seconds since 2000-01-01), 1..0xFFFFFFFE
     */
    record AtUtcTime(long utcTime) implements ActivationPolicy {
        public AtUtcTime {
            if (utcTime < 1 || utcTime > 0xFFFF_FFFEL) {
                throw new IllegalArgumentException("UTCTime must be 1..0xFFFFFFFE: " + utcTime);
            }
        }
    }

    /** Wait for a further command: 0 / 0xFFFFFFFF. */
    record WaitForCommand() implements ActivationPolicy {
    }

    /** {@link Now}. */
    static ActivationPolicy now() {
        return new Now();
    }

    /** {@link AfterDelay}. */
    static ActivationPolicy afterSeconds(long seconds) {
        return new AfterDelay(seconds);
    }

    /** {@link AtUtcTime}. */
    static ActivationPolicy atUtc(long utcTime) {
        return new AtUtcTime(utcTime);
    }

    /** {@link WaitForCommand}. */
    static ActivationPolicy waitForCommand() {
        return new WaitForCommand();
    }
}
