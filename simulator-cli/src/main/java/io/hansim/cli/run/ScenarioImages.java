package io.hansim.cli.run;

import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.ImageSpec;
import io.hansim.cli.scenario.Scenario;
import io.hansim.cli.scenario.Step;
import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a scenario's {@code images:} into OTA upgrade files (zigbee-ota.md: OTA upgrade file format).
 * Generated images are in a GB form (zigbee-ota.md §8, requirements G.6) with a payload derived from
 * their file version, so the same scenario gives the same bytes every time.
 *
 * <p>The form ({@link GbForm}) follows what the image is for, unless {@code form:} says: an image the
 * scenario's steps give only to PPMIDs ({@code distribute}, {@code local-upgrade}) is in the SR 11.4
 * form, the Manufacturer Image with no signature tail, as DUIS 11.4 carries PPMID firmware; any other
 * image (for an HCALCS, or for no PPMID) is in the signed form when it has a {@code signingKey}. An
 * image without a key has no tail either.
 *
 * <p>Keys: {@code signingKey: demo} is the seeded demo key of {@code hansim image build --demo}
 * ({@link #DEMO_KEY_LABEL}, seed 1), the key every simulated PPMID and HCALCS trusts. Any other name
 * gives another seeded key that no device trusts (a wrongly signed image). An HCALCS takes only the
 * signed form with a trusted signature; a PPMID takes the SR 11.4 form, and a signed-form image only
 * when its signature verifies ({@code GbSignaturePolicy.IF_SIGNED}).
 */
public final class ScenarioImages {
    /** The label of the demo key; the same as {@code ImageBuildCommand}'s, so its images verify here. */
    public static final String DEMO_KEY_LABEL = "hansim demo GB signing key";
    /** The seed {@code hansim image build --demo} uses by default. */
    public static final long DEMO_KEY_SEED = 1;
    /** The demo key pair (not secret: derived from a published label). */
    public static final KeyPair DEMO_KEY = DeterministicEcdsa.keyPairFromSeed(DEMO_KEY_LABEL, DEMO_KEY_SEED);

    /**
     * What a scenario's images became.
     *
     * @param files        the OTA files by image id, in the scenario's order
     * @param forms        the GB form of each generated image
     * @param specVersions per PPMID id, the PPMIDTS version each File Version brings (R56.8), from the
     *                     images with {@code spec} whose header names the PPMID's manufacturer code and
     *                     image type
     * @param notes        lines for the report: a {@code signingKey} that the form does not use, a
     *                     {@code spec} that reaches no PPMID
     */
    public record Built(Map<String, byte[]> files, Map<String, GbForm> forms,
            Map<String, Map<Long, io.hansim.device.cot.SpecVersion>> specVersions, List<String> notes) {
        public Built {
            files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
            forms = Map.copyOf(forms);
            specVersions = Map.copyOf(specVersions);
            notes = List.copyOf(notes);
        }
    }

    private ScenarioImages() {
    }

    /** The public key simulated devices trust. */
    public static PublicKey trustedKey() {
        return DEMO_KEY.getPublic();
    }

    /**
     * Builds or reads every image of {@code scenario}.
     *
     * @throws IOException when an image file cannot be read
     */
    public static Built build(Scenario scenario) throws IOException {
        Map<String, Set<String>> targets = targets(scenario);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, GbForm> forms = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (ImageSpec s : scenario.images()) {
            if (s instanceof ImageSpec.Generated g) {
                Set<String> types = targets.getOrDefault(g.id(), Set.of());
                GbForm form = form(g, types);
                forms.put(g.id(), form);
                if (form == GbForm.PPMID && g.signingKey().isPresent()) {
                    notes.add("image " + g.id() + " (" + g.position() + ") goes to PPMIDs only: generated in the "
                            + GbForm.PPMID.label() + ", as DUIS 11.4 carries it; signingKey '" + g.signingKey().get()
                            + "' is not used (write form: signed to sign it)");
                }
                files.put(g.id(), generate(g, form));
            } else {
                // The loader checked the header; this read is capped too, so a FIFO named as an image
                // cannot run the heap out (issue 14).
                java.nio.file.Path path = ((ImageSpec.File) s).path();
                try {
                    files.put(s.id(), io.hansim.cli.scenario.InputBytes.read(path, ImageSpec.MAX_SIZE));
                } catch (io.hansim.cli.scenario.InputBytes.TooLargeException e) {
                    throw new java.io.IOException(path + ": larger than " + ImageSpec.MAX_SIZE
                            + " octets, the largest image the simulator holds", e);
                }
            }
        }
        return new Built(files, forms, specVersions(scenario, files, notes), notes);
    }

    /** The GB form of a generated image: {@code form:}, else from the devices it goes to. */
    static GbForm form(ImageSpec.Generated g, Set<String> deviceTypes) {
        if (g.form().isPresent()) {
            return g.form().get();
        }
        if (g.signingKey().isEmpty()) {
            return GbForm.PPMID; // nothing to sign with: no tail
        }
        boolean onlyPpmids = deviceTypes.contains(io.hansim.device.kind.DeviceKinds.PPMID.name())
                && !deviceTypes.contains(io.hansim.device.kind.DeviceKinds.HCALCS.name());
        return onlyPpmids ? GbForm.PPMID : GbForm.SIGNED;
    }

    /** For each image id, the {@code type:} of every device a step gives it to. */
    private static Map<String, Set<String>> targets(Scenario scenario) {
        Map<String, String> typeById = new LinkedHashMap<>();
        for (DeviceSpec d : scenario.topology().devices()) {
            typeById.put(d.id(), d.type());
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Step step : scenario.steps()) {
            step.imagesGiven().forEach((image, devices) -> {
                for (String to : devices) {
                    out.computeIfAbsent(image, k -> new LinkedHashSet<>()).add(typeById.get(to));
                }
            });
        }
        return out;
    }

    /** R56.8: per PPMID, File Version → the PPMIDTS version an image of its identity brings. */
    private static Map<String, Map<Long, io.hansim.device.cot.SpecVersion>> specVersions(Scenario scenario,
            Map<String, byte[]> files, List<String> notes) {
        Map<String, Map<Long, io.hansim.device.cot.SpecVersion>> out = new LinkedHashMap<>();
        for (ImageSpec s : scenario.images()) {
            if (s.specVersion().isEmpty()) {
                continue;
            }
            OtaHeader h = OtaImageParser.parse(files.get(s.id())).header();
            boolean reached = false;
            for (DeviceSpec d : scenario.topology().devices()) {
                if (h != null && d instanceof DeviceSpec.Ppmid p && p.manufacturerCode() == h.manufacturerCode()
                        && p.imageType() == h.imageType()) {
                    io.hansim.cli.scenario.SpecVersion v = s.specVersion().get();
                    out.computeIfAbsent(p.id(), k -> new LinkedHashMap<>()).put(h.fileVersion(),
                            new io.hansim.device.cot.SpecVersion(v.major(), v.minor()));
                    reached = true;
                }
            }
            if (!reached) {
                notes.add("image " + s.id() + " (" + s.position() + ") brings " + s.specVersion().get()
                        + (h == null ? " but has no readable OTA header" : String.format(
                        " but no PPMID has its manufacturer code 0x%04X and image type 0x%04X", h.manufacturerCode(),
                        h.imageType())) + ": no device runs that version from it (R56.8)");
            }
        }
        return out;
    }

    /** A generated image of exactly {@code g.size()} octets where possible (the header and tail are fixed). */
    static byte[] generate(ImageSpec.Generated g, GbForm form) {
        KeyPair key = form == GbForm.SIGNED ? key(g.signingKey().orElseThrow()) : null;
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
        // The firmware says its own version, so a device reports what it runs (issue 14, decision 0017).
        Bytes mi = io.hansim.zigbee.ota.image.SimulatedFirmware.manufacturerImage(g.fileVersion(), bodyLength,
                g.fileVersion());
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

    /**
     * The SHA-256 Manufacturer Image Hash a CS06 carries for this image (R7.5): of the GB body as
     * read, or as the GB form when the file does not read as anything else; zeros for a clean Zigbee
     * file, which has no Manufacturer Image.
     */
    public static byte[] manufacturerImageHash(byte[] image) {
        OtaImageReport r = OtaImageParser.parse(image);
        if (r.gbBody() == null && !r.ok()) {
            r = OtaImageParser.parse(image, ParseOptions.defaults().withFormat(ImageFormat.GB));
        }
        GbBody gb = r.gbBody();
        return gb == null ? new byte[32] : gb.manufacturerImageHash().toArray();
    }
}
