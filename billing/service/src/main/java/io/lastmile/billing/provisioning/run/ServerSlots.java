package io.lastmile.billing.provisioning.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many commands run on one server at once. The spool runs many attempts together, and a burst
 * (a month's blocks at once) must not open a hundred SSH sessions to one router: OpenSSH starts
 * refusing unauthenticated connections past ten ({@code MaxStartups}). The limit is the server's
 * {@code max_parallel} setting, else its transport's default. An attempt waits for a slot a
 * bounded time, well inside the grace its task's lock has, so a command never starts after its
 * task could have been given up.
 */
final class ServerSlots {

    /** The setting that overrides the transport's default. */
    static final String SETTING = "max_parallel";

    /** The most a server's slots can be, whatever its setting says. */
    static final int AT_MOST = 1024;

    static final Duration WAIT = Duration.ofSeconds(20);

    private record Slots(int limit, Semaphore free) {}

    private final Map<Long, Slots> byServer = new ConcurrentHashMap<>();
    private final Duration wait;

    ServerSlots(Duration wait) {
        this.wait = wait;
    }

    ServerSlots() {
        this(WAIT);
    }

    /** A slot on the server: held while its command runs, released by closing it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot, or nothing if all of the server's were taken for the whole wait. */
    Optional<Slot> acquire(CommandContext.Server server) throws InterruptedException {
        int limit = limit(server);
        // a changed setting gets new slots; commands holding old ones give them back to the old
        Slots slots = byServer.compute(
                server.id(), (id, s) -> s != null && s.limit() == limit ? s : new Slots(limit, new Semaphore(limit)));
        if (!slots.free().tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(slots.free()::release);
    }

    static int limit(CommandContext.Server server) {
        Object setting = server.settings() == null ? null : server.settings().get(SETTING);
        if (setting instanceof Number n && n.longValue() >= 1) {
            return (int) Math.min(AT_MOST, n.longValue());
        }
        if (setting instanceof String s && s.strip().matches("\\d{1,4}") && Integer.parseInt(s.strip()) >= 1) {
            return Math.min(AT_MOST, Integer.parseInt(s.strip()));
        }
        return switch (server.transport()) {
            case "SSH" -> 8;
            case "MAIL" -> 4;
            default -> 64;
        };
    }
}
