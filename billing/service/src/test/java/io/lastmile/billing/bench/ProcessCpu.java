package io.lastmile.billing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of another process and the children it forked, read from /proc (Linux). */
final class ProcessCpu {

    private ProcessCpu() {}

    /** CPU seconds (user + system) used so far by {@code root} and every process whose parent it is. */
    static double seconds(long root) {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long[] stat = stat(p);
                if (stat != null && (stat[0] == root || stat[1] == root)) {
                    // utime + stime of the process and of its children that were waited for
                    ticks += stat[2] + stat[3] + stat[4] + stat[5];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** The pid in the first line of a pid file, or -1 if it cannot be read. */
    static long pidIn(Path pidFile) {
        try {
            return Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** pid, ppid, utime, stime, cutime, cstime of /proc/pid/stat, or null if it is gone. */
    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {
                Long.parseLong(proc.getFileName().toString()),
                Long.parseLong(f[1]),
                Long.parseLong(f[11]),
                Long.parseLong(f[12]),
                Long.parseLong(f[13]),
                Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
