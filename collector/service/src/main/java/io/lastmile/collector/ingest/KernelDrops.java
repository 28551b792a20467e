package io.lastmile.collector.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datagrams the kernel dropped because a socket's receive buffer was full: the {@code drops} column
 * of {@code /proc/net/udp} and {@code /proc/net/udp6}, for the sockets given by inode (or, when the
 * inode is not known, by local port).
 */
final class KernelDrops {

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final List<Path> tables;

    KernelDrops() {
        this(TABLES);
    }

    KernelDrops(List<Path> tables) {
        this.tables = tables;
    }

    /** A socket of ours: its inode (0 when unknown) and its local port. */
    record Socket(long inode, int port) {}

    /** The inode of an open file descriptor of this process, 0 when it cannot be read. */
    static long inodeOf(int fd) {
        try {
            Matcher m = SOCKET_LINK.matcher(
                    Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
            return m.matches() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return 0;
        }
    }

    /** The drops of these sockets added up; -1 when the tables cannot be read (not Linux). */
    long drops(Collection<Socket> sockets) {
        long sum = 0;
        boolean read = false;
        for (Path table : tables) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue;
            }
            read = true;
            for (int i = 1; i < lines.size(); i++) {
                sum += drops(lines.get(i), sockets);
            }
        }
        return read ? sum : -1;
    }

    /** One line's drops when it is one of the sockets, else 0. */
    static long drops(String line, Collection<Socket> sockets) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 13) {
            return 0;
        }
        int colon = f[1].lastIndexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            int port = Integer.parseInt(f[1].substring(colon + 1).toUpperCase(Locale.ROOT), 16);
            long inode = Long.parseLong(f[9]);
            for (Socket s : sockets) {
                if (s.inode() > 0 ? s.inode() == inode : s.port() == port) {
                    return Long.parseLong(f[12]);
                }
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
