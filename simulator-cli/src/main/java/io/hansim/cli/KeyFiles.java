package io.hansim.cli;

import io.hansim.gbcs.crypto.KeystoreFolderResolver;
import io.hansim.gbcs.crypto.UnreadableKeyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one way the commands read key files ({@code gbcs decode/encode --keys}, {@code image build
 * --sign-key}, {@code image inspect --verify-key}): P-256 keys in PEM (GBCS 4.3.2, zigbee-ota.md §8),
 * and anything else — garbage, an empty or binary file, another curve — is bad input naming the
 * file (exit 2), found before any message is built or read (issue 14).
 */
final class KeyFiles {
    /** The files {@link KeystoreFolderResolver} reads: {@code <eui>-<usage>.pem/.key}. */
    private static final Pattern KEYSTORE_NAME = Pattern.compile("[0-9a-f]{16}-(ds|ka)\\.(pem|key)");

    private KeyFiles() {
    }

    /**
     * A keystore folder whose every key file the resolver would read has been read once here, so a
     * broken one is refused now, by name, rather than in the middle of a message.
     */
    static KeystoreFolderResolver keystore(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": not a folder of keys");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> KEYSTORE_NAME.matcher(p.getFileName().toString()).matches()).sorted().forEach(files::add);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(folder + ": cannot list the keys: " + e.getMessage(), e);
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue; // the resolver treats it as missing
            }
            try {
                if (f.getFileName().toString().endsWith(".key")) {
                    KeystoreFolderResolver.readPrivateKey(f);
                } else {
                    KeystoreFolderResolver.readPublicKey(f);
                }
            } catch (UnreadableKeyException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
        return new KeystoreFolderResolver(folder);
    }

    /** A P-256 PKCS#8 private key to sign with. */
    static ECPrivateKey privateKey(Path file) {
        exists(file);
        try {
            return KeystoreFolderResolver.readPrivateKey(file);
        } catch (UnreadableKeyException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** A P-256 public key from a certificate or a bare public key, to verify with. */
    static ECPublicKey publicKey(Path file) {
        exists(file);
        try {
            return KeystoreFolderResolver.readPublicKey(file);
        } catch (UnreadableKeyException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static void exists(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a key file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
    }
}
