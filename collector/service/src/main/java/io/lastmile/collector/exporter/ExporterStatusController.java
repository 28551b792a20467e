package io.lastmile.collector.exporter;

import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.InterfaceCounters;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.NotFoundException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What each exporter sent since the collector started: counters, drops by reason, interfaces. */
@RestController
class ExporterStatusController {

    /** An IPv4 or IPv6 literal: never a name, so that no lookup is ever made. */
    private static final Pattern LITERAL =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final ExporterRegistry registry;
    private final InterfaceCountersStore interfaces;

    ExporterStatusController(ExporterRegistry registry, InterfaceCountersStore interfaces) {
        this.registry = registry;
        this.interfaces = interfaces;
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/exporters/status")
    List<ExporterStatusView> all() {
        return registry.all().stream()
                .map(s -> ExporterStatusView.of(s.snapshot()))
                .sorted(Comparator.comparing(ExporterStatusView::address))
                .toList();
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/exporters/status/{address}")
    ExporterStatusView one(@PathVariable String address) {
        return registry.find(parse(address))
                .map(s -> ExporterStatusView.of(s.snapshot()))
                .orElseThrow(() -> notHeard(address));
    }

    @RequiresPermission(Permissions.COLLECTOR_READ)
    @GetMapping("/api/v1/exporters/status/{address}/interfaces")
    List<InterfaceView> interfaces(@PathVariable String address) {
        InetAddress a = parse(address);
        List<InterfaceView> found =
                interfaces.of(a).stream().map(InterfaceView::of).toList();
        if (found.isEmpty() && registry.find(a).isEmpty()) {
            throw notHeard(address);
        }
        return found;
    }

    static InetAddress parse(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            throw notHeard(address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw notHeard(address);
        }
    }

    private static NotFoundException notHeard(String address) {
        return new NotFoundException("no exporter " + address
                + " has been heard from since the collector started (give its IPv4 or IPv6 address)");
    }

    /** One exporter's counters; {@code drops} names every reason, zero or not. */
    record ExporterStatusView(
            String address,
            List<String> protocols,
            long packets,
            long bytes,
            long flows,
            int templates,
            Map<String, Long> drops,
            Instant firstSeen,
            Instant lastSeen) {

        static ExporterStatusView of(ExporterStats.Snapshot s) {
            Map<String, Long> drops = new LinkedHashMap<>();
            for (DropReason r : DropReason.values()) {
                drops.put(r.name(), s.drops(r));
            }
            return new ExporterStatusView(
                    s.address().getHostAddress(),
                    s.protocols().stream().map(Enum::name).toList(),
                    s.packets(),
                    s.bytes(),
                    s.flows(),
                    s.templates(),
                    drops,
                    Instant.ofEpochMilli(s.firstSeenMillis()),
                    Instant.ofEpochMilli(s.lastSeenMillis()));
        }
    }

    /** The latest generic counters of one interface, as its agent reported them. */
    record InterfaceView(String agent, String exporter, Instant received, InterfaceCounters counters) {

        static InterfaceView of(InterfaceCountersStore.Latest l) {
            InetAddress agent = l.counters().agent();
            return new InterfaceView(
                    agent == null ? null : agent.getHostAddress(),
                    l.exporter().getHostAddress(),
                    Instant.ofEpochMilli(l.receivedMillis()),
                    l.counters());
        }
    }
}
