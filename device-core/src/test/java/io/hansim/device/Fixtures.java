package io.hansim.device;

import io.hansim.device.hub.CommsHub;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.zcl.Bytes;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Shared test data: addresses, a signing key, GB images and client profiles. */
public final class Fixtures {
    public static final long HUB = 0x00D0_0000_0000_0001L;
    public static final long PPMID = 0x00D0_0000_0000_0002L;
    public static final long IHD = 0x00D0_0000_0000_0003L;
    public static final long HCALCS = 0x00D0_0000_0000_0004L;
    public static final long ESME = 0x00D0_0000_0000_0005L;
    public static final long GPF = 0x00D0_0000_0000_0006L;
    public static final int MANUFACTURER = 0x1234;
    public static final int IMAGE_TYPE = 0x0084;
    public static final int HARDWARE = 0x0110;
    public static final long OLD = 0x0100_0001L;
    public static final long NEW = 0x0100_0002L;
    public static final long SECOND = 1_000_000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 3600 * SECOND;
    public static final KeyPair KEY = DeterministicEcdsa.keyPairFromSeed("hansim device-core test", 1);

    private Fixtures() {
    }

    /** A signed GB image whose Manufacturer Image has {@code bodyLength} bytes, for hardware 0x0100..0x01FF. */
    public static byte[] gbImage(long version, int bodyLength) {
        Bytes mi = io.hansim.zigbee.ota.image.SimulatedFirmware.manufacturerImage(version, bodyLength, version);
        return new OtaImageBuilder().manufacturerCode(MANUFACTURER).imageType(IMAGE_TYPE).fileVersion(version)
                .hardwareVersions(0x0100, 0x01FF).headerString("hansim device-core image")
                .gbBody(GbBody.signed(mi, DeterministicEcdsa.sign(mi, KEY.getPrivate()))).buildBytes().toArray();
    }

    /** The SHA-256 Manufacturer Image Hash a CS06 would carry for {@code image} (R7.5). */
    public static byte[] manufacturerImageHash(byte[] image) {
        return OtaImageParser.parse(image).gbBody().manufacturerImageHash().toArray();
    }

    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GB PPMID client: 64-octet blocks, trusts {@link #KEY}, no start delay. */
    public static ClientProfile.Builder ppmidProfile() {
        return ClientProfile.builder().name("test-ppmid").upgradeServer(HUB).manufacturerCode(MANUFACTURER)
                .imageType(IMAGE_TYPE).currentFileVersion(OLD).hardwareVersion(HARDWARE).maximumDataSize(64)
                .trustedKey(KEY.getPublic()).imageFormat(ImageFormat.GB).startDelayMax(0);
    }

    public static CommsHub.Spec hub() {
        return CommsHub.Spec.of(HUB);
    }

    /** A sink that keeps every record, with a SHA-256 fingerprint of (time, kind, fate, receiver, bytes). */
    public static final class RecordingSink implements TraceSink {
        public final List<TraceRecord> records = new ArrayList<>();
        private final MessageDigest sha;

        public RecordingSink() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void record(TraceRecord r) {
            records.add(r);
            sha.update((r.time() + "|" + r.kind() + "|" + r.fate() + "|" + r.receiverEui64() + "|"
                    + r.frame().clusterId() + "|" + r.frame().payload().hex() + "|" + r.detail() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public String fingerprint() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) sha.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
