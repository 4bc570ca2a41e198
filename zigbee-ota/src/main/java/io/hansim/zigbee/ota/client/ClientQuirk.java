package io.hansim.zigbee.ota.client;

/**
 * Behaviours of real OTA clients that hansim reproduces on request (zigbee-ota.md §9, the "inject"
 * rows that concern a client). Without quirks the client does the right thing; each quirk switches
 * one failure on, so that a server can be tested against it. Quirks are part of the
 * {@link ClientProfile}, never subclasses.
 *
 * <p>The downgrade refusal of §9 #25 is not a quirk here but a policy,
 * {@link ClientProfile.Trust#refuseDowngrades()}: requirements R7.14 calls it a legitimate profile option.
 */
public enum ClientQuirk {
    /**
     * §9 #1 (and the Digi XBee3 behaviour of §5.5): the client never queries on its own, neither at
     * start nor periodically nor when the application asks ({@link ClientEvent.StartQuery}); only an
     * Image Notify starts an upgrade. With {@link #IGNORES_NOTIFY} as well, it never upgrades.
     * Evidence: Koenkk/zigbee2mqtt #6729, #15235, #19916; zigpy/zigpy #1891.
     */
    NEVER_QUERIES,
    /**
     * §9 #1: a sleepy or remote device that never hears an Image Notify: the notify is dropped, no
     * query follows and no Default Response is sent, even for a unicast.
     */
    IGNORES_NOTIFY,
    /**
     * §9 #3: a block shorter than the MaximumDataSize asked for (and not the image's last) fails the
     * upgrade: the client sends Upgrade End Request ABORT and discards the image. Telink devices
     * asked 48 and got 40 (zigpy/zigpy PR #1781); which status they send is unconfirmed.
     */
    REJECTS_SHORT_BLOCKS,
    /**
     * §9 #6: one lost Image Block Response resets the download: FileOffset back to 0, status Normal,
     * no retry of the block; the download starts over at the next query
     * (espressif/esp-zigbee-sdk #833). The reset is declared by a {@link ClientAction.DiscardImage}
     * with {@link DiscardReason#RESTARTED_AFTER_TIMEOUT}.
     */
    RESTART_FROM_ZERO_ON_TIMEOUT,
    /**
     * §9 #8: Image Block Responses that arrive are dropped above APS, about one in twenty
     * (espressif/esp-zigbee-sdk #860: 4.6–5.5 % of blocks); the client times out and asks again. The
     * share is {@link ClientProfile.Quirks#droppedBlockResponsePercent()}, drawn from the seeded random.
     */
    DROPS_BLOCK_RESPONSES,
    /**
     * §9 #9: verifying the downloaded image takes {@link ClientProfile.Quirks#slowVerifyDuration()} (default
     * 31 s: Silicon Labs' CRC check 28–31 s against a 30 s server stall timer, zigpy/zigpy PR #1861)
     * before the Upgrade End Request goes out. ImageUpgradeStatus is 2 meanwhile.
     */
    SLOW_VERIFY,
    /**
     * §9 #10: the Legrand loop (Koenkk/zigbee-OTA #328, #882). The client requests fixed chunks of
     * MaximumDataSize; when a block comes back shorter, it asks for the rest of the chunk (offset 50,
     * size 12 after getting 50 of 62), and when that arrives it declares the image invalid (Upgrade
     * End Request INVALID_IMAGE) but keeps the offset, so every later attempt asks for the same rest
     * of the chunk and fails again. A server that sends full blocks never triggers it.
     */
    LEGRAND_OFFSET_LOOP,
    /**
     * §9 #13: Image Block Requests set FieldControl bit 1 (MinimumBlockPeriod present) but leave
     * the field out (Koenkk/zigbee2mqtt #28217). A strict server decoder reports it.
     */
    MISSING_MIN_BLOCK_PERIOD_FIELD,
    /**
     * §9 #17: the client queries every 5 minutes whatever {@link ClientProfile.Timing#queryInterval()}
     * says (pvvx/ZigbeeTLc #289: batteries drained).
     */
    AGGRESSIVE_QUERY,
    /**
     * §9 #12: the optional CurrentFileVersion attribute is not supported: a Read Attributes of it
     * is answered UNSUPPORTED_ATTRIBUTE (zsmartsystems #1078, #1087), so the CH cannot read the
     * version back (requirements R7.10).
     */
    NO_CURRENT_FILE_VERSION,

    // ---- Mutants for conformance testing (issue 17). These are deliberately wrong clients: each
    // breaks one rule of zigbee-ota.md so that `hansim conformance` can show it fails exactly the
    // case of that rule. No real device is known to behave like this; do not use them to model one.

    /**
     * Mutant (§5.3, §5.4): the client adopts a MinimumBlockPeriod (it answers it in the attribute and
     * echoes it in its requests) but never waits for it between Image Block Requests. RequestTime of a
     * WAIT_FOR_DATA is still honoured.
     */
    IGNORES_MINIMUM_BLOCK_PERIOD,
    /**
     * Mutant (§2, §6): every Image Block Request asks for 255 octets, the most a u8 MaximumDataSize
     * can say, whatever the profile's maximumDataSize and the CH's block size.
     */
    OVERSIZED_BLOCK_REQUESTS,
    /**
     * Mutant (§7.3, requirements R7.14): the client does not check the downloaded image (signature,
     * hash, hardware range, file errors) before it reports Upgrade End Request SUCCESS and activates;
     * only an image without an OTA header at all still fails.
     */
    ACTIVATES_UNVERIFIED,
    /**
     * Mutant (requirements R7.8): after a power cut the client ignores the download it persisted and
     * starts over from FileOffset 0 with a new query.
     */
    FORGETS_PROGRESS_ON_POWER_CUT,
    /**
     * Mutant (§4): ImageUpgradeStatus (0x0006) is never updated: a Read Attributes of it answers
     * 0 (Normal), the value before any download, also while a download is in progress (1) or an
     * image waits (2, 3, 6).
     */
    STALE_UPGRADE_STATUS;

    /** The query interval {@link #AGGRESSIVE_QUERY} forces: 5 minutes. */
    public static final long AGGRESSIVE_QUERY_INTERVAL = 5 * 60 * 1_000_000L;
}
