package io.hansim.interop;

import io.hansim.device.sim.SimTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes what each interop run observed to {@code interop/target/interop-observed.md}, one line a
 * run: the README's interoperability table is filled from these lines, not from memory (issue 9).
 */
final class InteropReport {
    private InteropReport() {
    }

    static synchronized void record(String server, String image, double loss, InteropRig.Observed o, String extra,
            InteropRig rig) {
        long activationDelay = o.upgradeEndResponseAt >= 0 && o.activatedAt >= 0
                ? o.activatedAt - o.upgradeEndResponseAt : -1;
        String line = String.format("| %s | %s | %.0f %% | blocks %s | page requests %d | WAIT_FOR_DATA %d | "
                + "queries %d, block requests %d, upgrade end requests %d | Upgrade End Response %s; activated %s "
                + "after it | server Default Responses %s; other %s; HAN dropped %d; wall %d ms | %s |%n",
                server, image, loss, o.blockSizeSummary(), o.pageRequests, o.waitForData, o.queries, o.blockRequests,
                o.upgradeEndRequests, o.upgradeEndResponse, activationDelay < 0 ? "n/a" : SimTime.format(activationDelay),
                o.serverDefaultResponses, o.serverOther, o.lostOrDropped, o.wallMillis, extra);
        Path dir = SharedData.repoRoot().resolve("interop/target");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("interop-observed.md"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print("interop: " + line);
    }
}
