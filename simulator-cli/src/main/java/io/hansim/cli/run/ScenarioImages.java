package io.hansim.cli.run;

import io.hansim.cli.scenario.ImageSpec;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a scenario's {@code images:} into OTA upgrade files (zigbee-ota.md: OTA upgrade file format).
 * Generated images are GB form (the Manufacturer Image raw after the header, zigbee-ota.md §8) with a
 * payload derived from their file version, so the same scenario gives the same bytes every time.
 *
 * <p>Keys: {@code signingKey: demo} is the seeded demo key of {@code hansim image build --demo}
 * ({@link #DEMO_KEY_LABEL}, seed 1), the key every simulated PPMID and HCALCS trusts. Any other name
 * gives another seeded key that no device trusts (a wrongly signed image); no {@code signingKey}
 * gives an unsigned GB image, which a GB device refuses as well.
 */
public final class ScenarioImages {
    /** The label of the demo key; the same as {@code ImageBuildCommand}'s, so its images verify here. */
    public static final String DEMO_KEY_LABEL = "hansim demo GB signing key";
    /** The seed {@code hansim image build --demo} uses by default. */
    public static final long DEMO_KEY_SEED = 1;
    /** The demo key pair (not secret: derived from a published label). */
    public static final KeyPair DEMO_KEY = DeterministicEcdsa.keyPairFromSeed(DEMO_KEY_LABEL, DEMO_KEY_SEED);

    private ScenarioImages() {
    }

    /** The public key simulated devices trust. */
    public static PublicKey trustedKey() {
        return DEMO_KEY.getPublic();
    }

    /**
     * Builds or reads every image, by id.
     *
     * @throws IOException when an image file cannot be read
     */
    public static Map<String, byte[]> load(Iterable<ImageSpec> specs) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ImageSpec s : specs) {
            if (s instanceof ImageSpec.Generated g) {
                out.put(s.id(), generate(g));
            } else {
                out.put(s.id(), java.nio.file.Files.readAllBytes(((ImageSpec.File) s).path()));
            }
        }
        return out;
    }

    /** A generated image of exactly {@code g.size()} octets where possible (the header and tail are fixed). */
    static byte[] generate(ImageSpec.Generated g) {
        KeyPair key = g.signingKey().map(ScenarioImages::key).orElse(null);
        int overhead = build(g, key, 0).length;
        long body = g.size() - overhead;
        if (body < 1) {
            body = 1; // smaller than the header: the smallest image there is (the loader allows any size)
        }
        if (body > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("image " + g.id() + " is too large to generate: " + g.size());
        }
        return build(g, key, (int) body);
    }

    private static byte[] build(ImageSpec.Generated g, KeyPair key, int bodyLength) {
        Bytes mi = OtaImageBuilder.generatedPayload(g.fileVersion(), bodyLength);
        OtaImageBuilder b = new OtaImageBuilder().manufacturerCode(g.manufacturerCode()).imageType(g.imageType())
                .fileVersion(g.fileVersion()).headerString(headerString(g.id()));
        g.hardware().ifPresent(h -> b.hardwareVersions(h.minimum(), h.maximum()));
        b.gbBody(key == null ? GbBody.unsigned(mi) : GbBody.signed(mi, DeterministicEcdsa.sign(mi, key.getPrivate())));
        return b.buildBytes().toArray();
    }

    /** The OTA header string (32 octets at most): "hansim " and the image id, cut to fit. */
    private static String headerString(String id) {
        String h = "hansim " + id;
        return h.length() > 32 ? h.substring(0, 32) : h;
    }

    private static KeyPair key(String name) {
        return name.equals("demo") ? DEMO_KEY : DeterministicEcdsa.keyPairFromSeed("hansim scenario key " + name, 1);
    }

    /** The SHA-256 Manufacturer Image Hash a CS06 carries for this image (R7.5), or empty bytes if not GB. */
    public static byte[] manufacturerImageHash(byte[] image) {
        GbBody gb = OtaImageParser.parse(image).gbBody();
        return gb == null ? new byte[32] : gb.manufacturerImageHash().toArray();
    }
}
