package io.lastmile.collector.traffic.map;

import io.lastmile.collector.traffic.BillingTraffic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the current subscriber map: asks billing with If-None-Match, swaps in a new immutable
 * {@link SubscriberMap} when it changed, and keeps the last good one on disk ({@code map.json}) so
 * that a restart while billing is down still attributes traffic. A map that cannot be used (a bad
 * prefix) is refused whole and the previous one kept.
 */
public final class MapPoller implements Supplier<SubscriberMap> {

    private static final Logger log = LoggerFactory.getLogger(MapPoller.class);

    /** Where the current map came from. */
    public enum Source {
        NONE,
        DISK,
        BILLING
    }

    /** What the status shows. */
    public record State(
            long version,
            Source source,
            Instant loadedAt,
            Instant checkedAt,
            String lastError,
            int subscribers,
            int prefixes) {}

    private final BillingTraffic billing;
    private final JsonMapper json;
    private final TrafficClasses classes;
    private final Path file;
    private final Clock clock;
    private final AtomicReference<SubscriberMap> current;
    private volatile String etag;
    private volatile Source source = Source.NONE;
    private volatile Instant loadedAt;
    private volatile Instant checkedAt;
    private volatile String lastError;

    public MapPoller(BillingTraffic billing, JsonMapper json, TrafficClasses classes, Path file, Clock clock) {
        this.billing = billing;
        this.json = json;
        this.classes = classes;
        this.file = file;
        this.clock = clock;
        this.current = new AtomicReference<>(SubscriberMap.none(classes));
        loadFromDisk();
    }

    /** The map to use now; never null. */
    @Override
    public SubscriberMap get() {
        return current.get();
    }

    public State state() {
        SubscriberMap m = current.get();
        return new State(m.version(), source, loadedAt, checkedAt, lastError, m.subscriberCount(), m.prefixCount());
    }

    /** One conditional GET; keeps the current map on any failure. */
    public void poll() {
        BillingTraffic.Answer answer = billing.fetchMap(etag);
        Instant now = clock.instant();
        switch (answer.status()) {
            case 304 -> {
                if (current.get().version() >= 0) {
                    source = Source.BILLING;
                }
                checkedAt = now;
                lastError = null;
            }
            case 200 -> accept(answer, now);
            case 0 -> failed("billing unreachable: " + answer.text());
            default -> failed("billing answered " + answer.status() + " to " + "GET /api/v1/traffic/map");
        }
    }

    private void accept(BillingTraffic.Answer answer, Instant now) {
        SubscriberMap map;
        try {
            map = SubscriberMap.of(json.readValue(answer.body(), MapDocument.class), classes);
        } catch (JacksonException | IllegalArgumentException e) {
            failed("billing's map refused, the previous one kept: " + e.getMessage());
            return;
        }
        current.set(map);
        etag = answer.etag() != null ? answer.etag() : quoted(map.version());
        source = Source.BILLING;
        loadedAt = now;
        checkedAt = now;
        lastError = null;
        log.info(
                "subscriber map version {}: {} subscribers, {} prefixes",
                map.version(),
                map.subscriberCount(),
                map.prefixCount());
        save(answer.body());
    }

    private void failed(String why) {
        if (!why.equals(lastError)) {
            log.warn("{}", why);
        }
        lastError = why;
    }

    private void save(byte[] body) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(body);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("could not keep the subscriber map in {}: {}", file, e.toString());
        }
    }

    private void loadFromDisk() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            SubscriberMap map = SubscriberMap.of(json.readValue(Files.readAllBytes(file), MapDocument.class), classes);
            current.set(map);
            etag = quoted(map.version());
            source = Source.DISK;
            loadedAt = Files.getLastModifiedTime(file).toInstant();
            log.info("subscriber map version {} from {} until billing answers", map.version(), file);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            failed("the kept subscriber map " + file + " is unusable: " + e.getMessage());
        }
    }

    private static String quoted(long version) {
        return "\"" + version + "\"";
    }
}
