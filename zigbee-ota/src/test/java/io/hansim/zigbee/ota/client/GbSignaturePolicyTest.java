package io.hansim.zigbee.ota.client;

import static io.hansim.zigbee.ota.client.Actions.Discarded;
import static io.hansim.zigbee.ota.client.Actions.norm;
import static io.hansim.zigbee.ota.client.Actions.sentOta;
import static io.hansim.zigbee.ota.client.ClientHarness.profile;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.ZclStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a client with a trusted key does with each GB form (G.6, R7.4, decision 0014): the SR 11.4
 * form carries no signature and a PPMID profile ({@link GbSignaturePolicy#IF_SIGNED}) takes it; a
 * signed-form image must still verify; the default profile keeps asking for the signed form.
 */
class GbSignaturePolicyTest {
    private static final UpgradeEndRequest END_SUCCESS =
            new UpgradeEndRequest(ZclStatus.SUCCESS, MANUFACTURER, IMAGE_TYPE, NEW_VERSION);
    private static final UpgradeEndRequest END_INVALID =
            new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MANUFACTURER, IMAGE_TYPE, NEW_VERSION);

    private static List<ClientAction> download(ClientProfile p, Bytes image) {
        ClientHarness h = new ClientHarness(p).serving(image, NEW_VERSION);
        h.powerOn();
        return h.downloadAll();
    }

    @Test
    void g6_r7_4_aPpmidProfileTakesTheSr114FormAndActivatesIt() {
        ClientProfile p = profile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build();
        ClientHarness h = new ClientHarness(p).serving(TestImages.gbUnsigned(NEW_VERSION, 300), NEW_VERSION);
        h.powerOn();
        assertEquals(List.of(END_SUCCESS), sentOta(h.downloadAll()));
        h.fromServer(new UpgradeEndResponse(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, 0, 0));
        ClientAction.Activate a = Actions.one(h.fire(ClientTimer.COUNTDOWN), ClientAction.Activate.class);
        assertEquals(NEW_VERSION, a.identity().fileVersion());
    }

    @Test
    void g6_aPpmidProfileReadingAutoTakesTheSr114FormByItsGbHeader() {
        // The test header is G.6's shape (60 bytes, hardware range): AUTO recognises the body.
        ClientProfile p = profile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).imageFormat(ImageFormat.AUTO).build();
        assertEquals(List.of(END_SUCCESS), sentOta(download(p, TestImages.gbUnsigned(NEW_VERSION, 300))));
    }

    @Test
    void aSignedFormImageMustStillVerifyUnderIfSigned() {
        ClientProfile p = profile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build();
        List<ClientAction> a = download(p, TestImages.gbSigned(TestImages.header(NEW_VERSION), 300, TestImages.OTHER_KEY));
        assertEquals(List.of(END_INVALID), sentOta(a));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.SIGNATURE_INVALID)));
        assertEquals(List.of(END_SUCCESS), sentOta(download(p, TestImages.gbSigned(NEW_VERSION, 300))));
    }

    @Test
    void theDefaultProfileRequiresTheSignedForm() {
        assertEquals(GbSignaturePolicy.REQUIRED, profile().build().trust().gbSignaturePolicy());
        List<ClientAction> a = download(profile().build(), TestImages.gbUnsigned(NEW_VERSION, 300));
        assertEquals(List.of(END_INVALID), sentOta(a));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.SIGNATURE_MISSING)));
    }

    @Test
    void aZigbeeFormImageIsNotTheSr114FormAndStillNeedsASignature() {
        ClientProfile p = profile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).imageFormat(ImageFormat.AUTO).build();
        List<ClientAction> a = download(p, TestImages.plain(NEW_VERSION, 200));
        assertEquals(List.of(END_INVALID), sentOta(a));
        assertTrue(norm(a).contains(new Discarded(DiscardReason.SIGNATURE_MISSING)));
    }

    @Test
    void thePolicySurvivesToBuilder() {
        ClientProfile p = profile().gbSignaturePolicy(GbSignaturePolicy.IF_SIGNED).build();
        assertEquals(p, p.toBuilder().build());
    }
}
