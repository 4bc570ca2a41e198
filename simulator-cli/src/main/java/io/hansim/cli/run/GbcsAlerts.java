package io.hansim.cli.run;

import io.hansim.device.gbcs.WanMessage;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.util.Optional;
import java.util.OptionalInt;

/** What the runner reads out of the CH's GBCS alerts on the WAN (gbcs.md §8.3). */
final class GbcsAlerts {
    private GbcsAlerts() {
    }

    /** The alert code inside a CH alert (gbcs.md §8.3), empty when the body does not decode. */
    static OptionalInt alertCode(WanMessage w) {
        try {
            Optional<UseCaseRecord> body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            return body.map(GbcsAlerts::alertCodeOf).orElse(OptionalInt.empty());
        } catch (RuntimeException e) { // a body this runner cannot read is shown without a code
            return OptionalInt.empty();
        }
    }

    private static OptionalInt alertCodeOf(UseCaseRecord r) {
        if (r instanceof UseCaseRecord.Ccs08Alert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.PpmidFirmwareAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.FutureDatedActivationAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.DlmsFirmwareReceiptAlert a) {
            return OptionalInt.of(a.alertCode());
        } else if (r instanceof UseCaseRecord.GbzFirmwareReceiptAlert a) {
            return OptionalInt.of(a.alertCode());
        }
        return OptionalInt.empty();
    }

    /** The entity a CH alert is about: the CCS08's target device, else the originator. */
    static long alertSubject(WanMessage w) {
        try {
            Optional<UseCaseRecord> body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            if (body.isPresent() && body.get() instanceof UseCaseRecord.Ccs08Alert c) {
                return c.targetEntityId();
            }
        } catch (RuntimeException e) {
            // fall back to the originator
        }
        return w.originator();
    }
}
