package io.hansim.bench;

import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockCommand;
import com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ZclOtaUpgradeCommand;
import com.zsmartsystems.zigbee.zcl.protocol.ZclCommandDirection;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Image Block Request and Image Block Response (64 data bytes), whole ZCL frames, decoded and
 * encoded by hansim's {@link OtaCodec} and by zsmartsystems' ZCL serializers (issue 8). Each side
 * starts from its own natural input: {@code byte[]} for us, {@code int[]} for the peer (converted in
 * set-up, so the peer pays nothing for our representation), and each side's command object for
 * encoding. Both produce the same octets (ZclBlockFramesTest).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ZclBlockBenchmark {
    byte[] requestWire;
    byte[] responseWire;
    int[] requestInts;
    int[] responseInts;
    ImageBlockRequest request;
    ImageBlockResponse.Success response;
    ImageBlockCommand peerRequest;
    com.zsmartsystems.zigbee.zcl.clusters.otaupgrade.ImageBlockResponse peerResponse;

    @Setup
    public void setUp() {
        requestWire = ZclBlockFrames.requestWire();
        responseWire = ZclBlockFrames.responseWire();
        requestInts = ZclBlockFrames.toInts(requestWire);
        responseInts = ZclBlockFrames.toInts(responseWire);
        request = ZclBlockFrames.ourRequest();
        response = ZclBlockFrames.ourResponse();
        peerRequest = ZclBlockFrames.peerRequest();
        peerResponse = ZclBlockFrames.peerResponse();
    }

    @Benchmark
    public OtaFrame requestDecodeHansim() {
        return OtaCodec.decode(requestWire);
    }

    @Benchmark
    public ZclOtaUpgradeCommand requestDecodeZsmart() {
        return ZclBlockFrames.peerDecode(requestInts);
    }

    @Benchmark
    public OtaFrame responseDecodeHansim() {
        return OtaCodec.decode(responseWire);
    }

    @Benchmark
    public ZclOtaUpgradeCommand responseDecodeZsmart() {
        return ZclBlockFrames.peerDecode(responseInts);
    }

    @Benchmark
    public byte[] requestEncodeHansim() {
        return OtaCodec.encode(ZclBlockFrames.SEQUENCE, request);
    }

    @Benchmark
    public int[] requestEncodeZsmart() {
        return ZclBlockFrames.peerEncode(peerRequest, ZclCommandDirection.CLIENT_TO_SERVER);
    }

    @Benchmark
    public byte[] responseEncodeHansim() {
        return OtaCodec.encode(ZclBlockFrames.SEQUENCE, response);
    }

    @Benchmark
    public int[] responseEncodeZsmart() {
        return ZclBlockFrames.peerEncode(peerResponse, ZclCommandDirection.SERVER_TO_CLIENT);
    }
}
