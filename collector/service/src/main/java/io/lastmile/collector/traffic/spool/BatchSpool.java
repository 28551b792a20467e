package io.lastmile.collector.traffic.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local disk queue of batches not yet acknowledged by billing: one file per batch, named by a
 * sequence number so that the directory listing is the sending order ({@code
 * 00000000000000000042-<batchId>.json}, the exact request body). A batch is written to a temporary
 * file, fsync'd, renamed into place and the directory fsync'd, before anyone may send it; it is
 * removed only once billing acknowledged it. Batches billing refused as malformed go to {@code
 * rejected/}. Bounded by {@code limitBytes}: {@link #write} refuses a batch that would pass it.
 */
public final class BatchSpool {

    private static final Pattern NAME = Pattern.compile("(\\d{20})-([0-9a-fA-F-]{36})\\.json");

    private final Path dir;
    private final Path rejected;
    private final long limitBytes;
    private long nextSequence;
    private long pendingBytes;
    private int pendingCount;

    /** A batch on disk, oldest first. */
    public record Spooled(Path file, long sequence, String batchId, byte[] body) {}

    /** @throws UncheckedIOException when the directory cannot be created or read */
    public BatchSpool(Path dir, long limitBytes) {
        this.dir = dir;
        this.rejected = dir.resolve("rejected");
        this.limitBytes = limitBytes;
        try {
            Files.createDirectories(rejected);
            long last = 0;
            for (Path p : list(dir)) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                m.matches();
                last = Math.max(last, Long.parseLong(m.group(1)));
                pendingBytes += Files.size(p);
                pendingCount++;
            }
            for (Path p : list(rejected)) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                m.matches();
                last = Math.max(last, Long.parseLong(m.group(1)));
            }
            nextSequence = last + 1;
            try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*.tmp")) {
                // a write cut short by a crash: never renamed, so never acknowledged nor counted
                for (Path p : tmp) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the traffic spool " + dir, e);
        }
    }

    /**
     * Stores a batch durably, after every batch stored before it.
     *
     * @param ignoreLimit true at shutdown: a batch held in memory would be lost, so it goes to disk
     *     even past the configured bound
     * @return false, storing nothing, when the batch would take the spool past its bound
     * @throws IOException when the disk itself fails (full, read-only)
     */
    public synchronized boolean write(String batchId, byte[] body, boolean ignoreLimit) throws IOException {
        if (!ignoreLimit && pendingBytes + body.length > limitBytes) {
            return false;
        }
        String name = String.format("%020d-%s.json", nextSequence, batchId);
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(body);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        nextSequence++;
        pendingBytes += body.length;
        pendingCount++;
        return true;
    }

    /** The oldest batch not yet acknowledged. */
    public synchronized Optional<Spooled> oldest() throws IOException {
        List<Path> files = list(dir);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Path p = files.getFirst();
        Matcher m = NAME.matcher(p.getFileName().toString());
        m.matches();
        return Optional.of(new Spooled(p, Long.parseLong(m.group(1)), m.group(2), Files.readAllBytes(p)));
    }

    /** billing acknowledged it. */
    public synchronized void remove(Spooled batch) throws IOException {
        Files.delete(batch.file());
        syncDirectory(dir);
        pendingBytes -= batch.body().length;
        pendingCount--;
    }

    /** billing refused it as malformed: kept aside for the operator, never sent again. */
    public synchronized void reject(Spooled batch) throws IOException {
        Files.move(batch.file(), rejected.resolve(batch.file().getFileName()), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        pendingBytes -= batch.body().length;
        pendingCount--;
    }

    public synchronized long pendingBytes() {
        return pendingBytes;
    }

    public synchronized int pendingCount() {
        return pendingCount;
    }

    public long limitBytes() {
        return limitBytes;
    }

    public int rejectedCount() throws IOException {
        return list(rejected).size();
    }

    public Path directory() {
        return dir;
    }

    private static List<Path> list(Path in) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(in, "*.json")) {
            for (Path p : files) {
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static void syncDirectory(Path d) throws IOException {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
