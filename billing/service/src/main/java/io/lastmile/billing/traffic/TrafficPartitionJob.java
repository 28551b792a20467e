package io.lastmile.billing.traffic;

import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.periodic.PeriodicJob;
import java.time.YearMonth;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Makes the minute table's partitions of this month and the next ones, at start and every night. */
@Component
class TrafficPartitionJob implements PeriodicJob {

    private final TrafficPartitions partitions;

    TrafficPartitionJob(TrafficPartitions partitions) {
        this.partitions = partitions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        partitions.ensure(partitions.ahead());
    }

    @Override
    public String name() {
        return "traffic-partitions";
    }

    @Override
    public String cron() {
        return "0 17 3 * * *";
    }

    @Override
    public void run(OutputSink out) {
        Set<YearMonth> made = partitions.ensure(partitions.ahead());
        out.line(
                OutputSink.Stream.STDOUT,
                made.isEmpty()
                        ? "traffic_minute has its partitions up to "
                                + partitions.ahead().stream()
                                        .reduce((a, b) -> b)
                                        .orElseThrow()
                        : "made partitions of traffic_minute for " + made);
    }
}
