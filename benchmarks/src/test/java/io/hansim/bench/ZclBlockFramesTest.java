package io.hansim.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockCommand;
import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockResponse;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.OtaCodec;
import org.junit.jupiter.api.Test;

/** The ZCL benchmark compares like with like: both libraries produce and read the same frames. */
class ZclBlockFramesTest {
    @Test
    void peerEncodesTheSameRequestOctets() {
        assertArrayEquals(ZclBlockFrames.requestWire(), ZclBlockFrames.toBytes(
                ZclBlockFrames.peerEncode(ZclBlockFrames.peerRequest(), ZclCommandDirection.CLIENT_TO_SERVER)));
    }

    @Test
    void peerEncodesTheSameResponseOctets() {
        byte[] wire = ZclBlockFrames.responseWire();
        assertEquals(3 + 14 + ZclBlockFrames.DATA_SIZE, wire.length);
        assertArrayEquals(wire, ZclBlockFrames.toBytes(
                ZclBlockFrames.peerEncode(ZclBlockFrames.peerResponse(), ZclCommandDirection.SERVER_TO_CLIENT)));
    }

    @Test
    void bothDecodeTheSameRequestFields() {
        byte[] wire = ZclBlockFrames.requestWire();
        ImageBlockRequest ours = (ImageBlockRequest) OtaCodec.decode(wire).command();
        ImageBlockCommand peer = (ImageBlockCommand) ZclBlockFrames.peerDecode(ZclBlockFrames.toInts(wire));
        assertEquals(ours.fileOffset(), (long) peer.getFileOffset());
        assertEquals(ours.maximumDataSize(), (int) peer.getMaximumDataSize());
        assertEquals(ours.manufacturerCode(), (int) peer.getManufacturerCode());
    }

    @Test
    void bothDecodeTheSameResponseData() {
        byte[] wire = ZclBlockFrames.responseWire();
        var ours = (io.hansim.zigbee.ota.ImageBlockResponse.Success) OtaCodec.decode(wire).command();
        ImageBlockResponse peer = (ImageBlockResponse) ZclBlockFrames.peerDecode(ZclBlockFrames.toInts(wire));
        assertArrayEquals(ours.imageData().toArray(), peer.getImageData().get());
        assertEquals(ours.fileOffset(), (long) peer.getFileOffset());
    }
}
