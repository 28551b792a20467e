package io.lastmile.billing.provisioning.periodic;

import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.subscription.BillingClock;
import io.lastmile.billing.subscription.SubscriptionProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The billing clock's run (charges, renewals, blocks, promised payments) as a periodic spool job. */
@Component
@ConditionalOnProperty(name = "lastmile.billing.subscriptions.clock.enabled", matchIfMissing = true)
class BillingClockJob implements PeriodicJob {

    private final BillingClock billingClock;
    private final Clock clock;
    private final String cron;

    BillingClockJob(BillingClock billingClock, Clock clock, SubscriptionProperties properties) {
        this.billingClock = billingClock;
        this.clock = clock;
        this.cron = properties.clock().cron();
    }

    @Override
    public String name() {
        return "billing-clock";
    }

    @Override
    public String cron() {
        return cron;
    }

    @Override
    public void run(OutputSink out) {
        int accounts = billingClock.runDue(clock.instant());
        out.line(OutputSink.Stream.STDOUT, "accounts processed: " + accounts);
    }
}
