package io.hansim.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the CLI writes a file the user named (issue 14 item 1, decision 0016). Every
 * command that writes goes through here, so they all treat the path the same way:
 * <ul>
 *   <li>absent or a regular file: written (a regular file is replaced by an atomic rename only where
 *       the command asks for it, see {@link #writeReplacing});</li>
 *   <li>a symbolic link: written <em>through</em> to its target; the link stays a link;</li>
 *   <li>a FIFO (named pipe): written as a stream, never replaced;</li>
 *   <li>anything else (a folder, a device node, a socket): refused, exit 2, and left as it is;</li>
 *   <li>a read-only folder, a full disk, a missing folder: exit 2 naming the path.</li>
 * </ul>
 * {@link #distinct} refuses an output that is one of the command's inputs or another of its outputs,
 * comparing real paths (links resolved) where the file exists.
 */
final class OutputFiles {
    /** {@code S_IFMT} and {@code S_IFIFO} of POSIX {@code st_mode}, as the JDK's "unix:mode" attribute gives them. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private OutputFiles() {
    }

    /** What is at an output path, links followed. */
    enum Kind { ABSENT, REGULAR, FIFO, OTHER }

    /**
     * Checks that {@code target} may be written: absent, a regular file or a FIFO once links are
     * followed. Anything else is bad input (exit 2) and is left alone.
     */
    static Kind check(Path target) {
        Kind k = kind(target);
        if (k == Kind.OTHER) {
            throw new BadInputException(target + ": " + describe(target) + "; expected a file name (a regular file,"
                    + " a named pipe, or a new file) - it was left as it is");
        }
        return k;
    }

    static Kind kind(Path target) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class); // follows links
        } catch (NoSuchFileException e) {
            return Kind.ABSENT; // also a dangling link: writing creates its target, as a shell redirect would
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot examine the output path: " + reason(e), e);
        }
        if (a.isRegularFile()) {
            return Kind.REGULAR;
        }
        if (a.isDirectory() || !a.isOther()) {
            return Kind.OTHER;
        }
        return isFifo(target) ? Kind.FIFO : Kind.OTHER;
    }

    private static boolean isFifo(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFIFO;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return false; // no POSIX view: cannot tell a pipe from a device, so refuse it
        }
    }

    private static String describe(Path p) {
        if (Files.isDirectory(p)) {
            return "is a folder";
        }
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            if (mode instanceof Integer m) {
                return switch (m & S_IFMT) {
                    case 0020000 -> "is a character device";
                    case 0060000 -> "is a block device";
                    case 0140000 -> "is a socket";
                    default -> "is not a regular file";
                };
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // fall through
        }
        return "is not a regular file";
    }

    /**
     * Opens {@code target} for writing after {@link #check}: through a link, into a pipe, or a new or
     * truncated regular file. The caller closes the stream; its write errors should go through
     * {@link #failure}.
     */
    static OutputStream open(Path target, boolean createFolders) {
        check(target);
        try {
            if (createFolders) {
                createParents(target);
            }
            // No NOFOLLOW_LINKS: a link is written through. TRUNCATE_EXISTING does nothing to a pipe.
            return new NamingStream(target, Files.newOutputStream(target, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    /** An output stream whose failures name its path ({@link WriteFailedException}). */
    private static final class NamingStream extends java.io.FilterOutputStream {
        private final Path target;

        NamingStream(Path target, OutputStream out) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (WriteFailedException e) {
                throw e;
            } catch (IOException e) {
                throw new WriteFailedException(target, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailedException(target, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new WriteFailedException(target, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new WriteFailedException(target, e);
            }
        }
    }

    /** A write to an opened output failed (e.g. the disk is full): its message names the path. */
    static final class WriteFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(Path target, IOException cause) {
            super(target + ": cannot write: " + reason(cause), cause);
        }
    }

    /** The {@link WriteFailedException} in {@code t}'s causes, or null. */
    static WriteFailedException writeFailure(Throwable t) {
        for (int depth = 0; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof WriteFailedException w) {
                return w;
            }
        }
        return null;
    }

    /** Writes {@code data} to {@code target} in place (see {@link #open}). */
    static void write(Path target, byte[] data, boolean createFolders) {
        try (OutputStream out = open(target, createFolders)) {
            out.write(data);
        } catch (WriteFailedException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    static void writeString(Path target, String text, boolean createFolders) {
        write(target, text.getBytes(StandardCharsets.UTF_8), createFolders);
    }

    /**
     * Writes a secret (a private key) readable by its owner only, mode 0600, where the file system has
     * POSIX permissions (issue 14 item 7): a new file is created with that mode, so it is never
     * readable by others even for a moment; an existing file (or a link's target) is narrowed to it
     * before the secret is written. Elsewhere (no POSIX view) as {@link #write}.
     */
    static void writeSecret(Path target, byte[] data) {
        Kind k = check(target);
        boolean posix = target.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix && k != Kind.FIFO) {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            try {
                if (k == Kind.ABSENT) {
                    Files.createFile(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
                } else {
                    Files.setPosixFilePermissions(target, owner);
                }
            } catch (IOException e) {
                throw failure(target, e);
            }
        }
        write(target, data, false);
    }

    /**
     * Writes {@code data} so that a reader never sees half of it where that is possible: a new file,
     * or a regular file that is not behind a link, is replaced by renaming a complete temporary file
     * over it. A link, a pipe or anything the rename would destroy is written in place (or refused,
     * as {@link #check} says); the rename never happens across a link.
     */
    static void writeReplacing(Path target, byte[] data, boolean createFolders) {
        Kind k = check(target);
        if (k == Kind.FIFO || Files.isSymbolicLink(target)) {
            write(target, data, createFolders);
            return;
        }
        try {
            if (createFolders) {
                createParents(target);
            }
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".hansim-", ".tmp");
            try {
                Files.write(tmp, data);
                // Checked again just before the rename: it must still be absent or a plain file.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    write(target, data, false);
                    return;
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    private static void createParents(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }

    /** A write to {@code target} that failed: bad input (exit 2) naming the path and why. */
    static BadInputException failure(Path target, IOException e) {
        return new BadInputException(target + ": cannot write: " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (a read-only file or folder?)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A path and what the user called it ("--pcap", "scenario"), for messages. */
    record Named(String what, Path path) {
    }

    /**
     * Refuses (exit 2) an output that is also an input, or two outputs that are one file, comparing
     * {@link #identity}s.
     */
    static void distinct(List<Named> inputs, List<Named> outputs) {
        Map<Path, String> seen = new LinkedHashMap<>();
        for (Named in : inputs) {
            seen.putIfAbsent(identity(in.path()), "the input " + in.what() + " " + in.path());
        }
        for (Named o : outputs) {
            Path id = identity(o.path());
            String before = seen.get(id);
            if (before != null) {
                throw new BadInputException(o.what() + " " + o.path() + ": is the same file as " + before
                        + "; writing it would overwrite that");
            }
            seen.put(id, "the output " + o.what() + " " + o.path());
        }
    }

    /**
     * The file a path names: its real path if it exists (links resolved), else (a dangling link) where
     * the link points, else its folder's real path and its name, else the normalised absolute path.
     */
    static Path identity(Path p) {
        return identity(p, 0);
    }

    private static Path identity(Path p, int depth) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException | SecurityException e) {
            // not there (or a dangling link): compare by its folder
        }
        try {
            if (depth < 40 && Files.isSymbolicLink(abs)) {
                return identity(abs.resolveSibling(Files.readSymbolicLink(abs)), depth + 1);
            }
        } catch (IOException | SecurityException e) {
            // fall through
        }
        Path parent = abs.getParent();
        if (parent != null && abs.getFileName() != null) {
            try {
                return parent.toRealPath().resolve(abs.getFileName());
            } catch (IOException | SecurityException e) {
                // fall through
            }
        }
        return abs;
    }
}
