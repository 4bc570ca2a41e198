package io.hansim.gbcs.usecase;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.payload.AxdrData;
import io.hansim.gbcs.payload.DerNode;
import io.hansim.gbcs.payload.DerPayload;
import io.hansim.gbcs.payload.DlmsApdu;
import io.hansim.gbcs.payload.GbzComponent;
import io.hansim.gbcs.payload.GbzPayload;
import io.hansim.gbcs.payload.Payload;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed payloads of the firmware and Change of Tenancy use cases (gbcs.md §8.2). Each builds its
 * {@link Payload} with {@link #toPayload()}; {@link UseCaseCodec} reads them back.
 */
public sealed interface UseCaseRecord {

    Payload toPayload();

    /** 0x0012 CS06 Activate Firmware command: image hash, originator counter, optional execution time. */
    record Cs06Command(ByteString imageHash, long originatorCounter, Optional<String> executionDateTime)
            implements UseCaseRecord {
        /** Execution time meaning cancellation (gbcs.md §8.2). */
        public static final String CANCELLATION = "99991231235959Z";

        public Cs06Command {
            if (imageHash.length() != 32) {
                throw new IllegalArgumentException("Manufacturer Image Hash is 32 bytes");
            }
            Objects.requireNonNull(executionDateTime, "executionDateTime");
        }

        public boolean isCancellation() {
            return executionDateTime.filter(CANCELLATION::equals).isPresent();
        }

        @Override
        public Payload toPayload() {
            return DerPayload.of(executionDateTime.isPresent()
                    ? Der.sequence(Der.octets(imageHash), Der.integer(originatorCounter), Der.time(executionDateTime.get()))
                    : Der.sequence(Der.octets(imageHash), Der.integer(originatorCounter)));
        }
    }

    /** 0x0012 CS06 immediate response: outcome 0..3 and the 4-byte firmware version. */
    record Cs06Response(int outcome, ByteString firmwareVersion) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return DerPayload.of(Der.sequence(Der.integer(outcome), Der.octets(firmwareVersion)));
        }
    }

    /** ASN.1 NULL payload: CS08 command, and CS06 response to future-dated or cancelled activation. */
    record Null() implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return DerPayload.of(Der.nul());
        }
    }

    /** 0x00CA Future Dated Firmware Activation Alert (0x8F66 actioned / 0x8F67 not). */
    record FutureDatedActivationAlert(int alertCode, String executionDateTime, long originatorCounter, int outcome,
            ByteString firmwareVersion) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return DerPayload.of(Der.sequence(Der.integer(alertCode), Der.time(executionDateTime),
                    Der.integer(originatorCounter), Der.sequence(Der.integer(outcome), Der.octets(firmwareVersion))));
        }
    }

    /** 0x0129 CS08 response: firmware version, 0 read success / 1 read failure. */
    record Cs08Response(ByteString firmwareVersion, int result) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return DerPayload.of(Der.sequence(Der.octets(firmwareVersion), Der.integer(result)));
        }
    }

    /** 0x0128 CCS08 Firmware Transfer Alert; response code 0 Success .. 3 File Transfer Failure. */
    record Ccs08Alert(int alertCode, String time, long targetEntityId, ByteString firmwareVersion, int responseCode)
            implements UseCaseRecord {
        public Ccs08Alert {
            if (responseCode < 0 || responseCode > 3) {
                throw new IllegalArgumentException("CCS08 response code is 0..3: " + responseCode);
            }
        }

        @Override
        public Payload toPayload() {
            ByteString id = ByteString.ofHex(String.format("%016X", targetEntityId));
            return DerPayload.of(Der.sequence(Der.integer(alertCode), Der.time(time), Der.octets(id),
                    Der.octets(firmwareVersion), Der.integer(responseCode)));
        }
    }

    /** 0x012B PPMID Read Firmware Version alert 0x8F8B: version and activation result. */
    record PpmidFirmwareAlert(int alertCode, String time, ByteString firmwareVersion, int activateImage)
            implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return DerPayload.of(Der.sequence(Der.integer(alertCode), Der.time(time), Der.octets(firmwareVersion),
                    Der.integer(activateImage)));
        }
    }

    /** 0x00CE Firmware Distribution Receipt Alert, DLMS (0x8F72 verified / 0x8F1C failed). */
    record DlmsFirmwareReceiptAlert(long invokeId, int alertCode, ByteString dateTime, ByteString hash)
            implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return new DlmsApdu.DataNotification(invokeId, ByteString.EMPTY, AxdrData.structure(List.of(
                    AxdrData.longUnsigned(alertCode), AxdrData.of(AxdrData.OCTET_STRING, dateTime),
                    AxdrData.of(AxdrData.OCTET_STRING, hash))));
        }
    }

    /** 0x00CF Firmware Distribution Receipt Alert, GBZ: alert code, UTC time, 32-byte hash. */
    record GbzFirmwareReceiptAlert(int alertCode, long utcTime, ByteString hash) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            byte[] data = new byte[2 + hash.length()];
            data[0] = 0x09;
            data[1] = (byte) hash.length();
            hash.copyTo(data, 2);
            return new GbzPayload.Alert(1, alertCode, utcTime, ByteString.of(data));
        }
    }

    /** 0x0022 ECS12 command: set 0-0:94.44.3.2 attribute 2 to a 12-byte date-time. */
    record Ecs12Command(long invokeId, ByteString restrictDateTime) implements UseCaseRecord {
        public static final ByteString OBIS = ByteString.ofHex("00005E2C0302");

        @Override
        public Payload toPayload() {
            return new DlmsApdu.AccessRequest(invokeId, ByteString.EMPTY,
                    List.of(DlmsApdu.RequestSpec.of(2, 1, OBIS, 2)),
                    List.of(AxdrData.of(AxdrData.OCTET_STRING, restrictDateTime)));
        }
    }

    /** 0x0022 ECS12 response: data-access-result (0 success, 1 hardware fault). */
    record Ecs12Response(long invokeId, int result) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return new DlmsApdu.AccessResponse(invokeId, ByteString.EMPTY, List.of(AxdrData.nullData()),
                    List.of(new DlmsApdu.ResponseSpec(2, result)));
        }
    }

    /**
     * 0x0072 GCS09 command: Device Management cluster 0x0708 Publish Change of Tenancy (fields
     * little-endian in the ZCL frame).
     */
    record Gcs09Command(int tsn, long providerId, long issuerEventId, int tariffType, long implementationDateTime,
            long proposedTenancyChangeControl) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            byte[] z = new byte[3 + 17];
            z[0] = 0x09;
            z[1] = (byte) tsn;
            z[2] = 0x00;
            le(z, 3, providerId);
            le(z, 7, issuerEventId);
            z[11] = (byte) tariffType;
            le(z, 12, implementationDateTime);
            le(z, 16, proposedTenancyChangeControl);
            return new GbzPayload.Components(List.of(new GbzComponent(0x01, 0x0708, OptionalLong.empty(),
                    ByteString.of(z))));
        }
    }

    /** ZCL Default Response in one GBZ component (GCS09 response): command id answered and status. */
    record GbzDefaultResponse(int cluster, int tsn, int commandId, int status) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return new GbzPayload.Components(List.of(new GbzComponent(0x01, cluster, OptionalLong.empty(),
                    ByteString.of(new byte[] {0x00, (byte) tsn, 0x0B, (byte) commandId, (byte) status}))));
        }
    }

    /** 0x0015 CS11 command: Events cluster 0x0709 Clear Event Log Request with Log ID. */
    record Cs11Command(int tsn, int logId) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return new GbzPayload.Components(List.of(new GbzComponent(0x01, 0x0709, OptionalLong.empty(),
                    ByteString.of(new byte[] {0x01, (byte) tsn, 0x01, (byte) logId}))));
        }
    }

    /** 0x0015 CS11 response: Clear Event Log Response with ClearedEventsLogs (0x08 success). */
    record Cs11Response(int tsn, int clearedEventsLogs) implements UseCaseRecord {
        @Override
        public Payload toPayload() {
            return new GbzPayload.Components(List.of(new GbzComponent(0x01, 0x0709, OptionalLong.empty(),
                    ByteString.of(new byte[] {0x09, (byte) tsn, 0x02, (byte) clearedEventsLogs}))));
        }
    }

    private static void le(byte[] z, int at, long v) {
        for (int i = 0; i < 4; i++) {
            z[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Helper for readers: the node list of a DER payload with one element. */
    static DerNode single(Payload p) {
        if (!(p instanceof DerPayload d) || d.elements().size() != 1) {
            throw new IllegalArgumentException("one DER element expected");
        }
        return d.root();
    }
}
