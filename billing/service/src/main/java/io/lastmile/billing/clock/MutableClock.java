package io.lastmile.billing.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The billing module's clock in dev and test mode: real time until moved, then standing still. */
public final class MutableClock extends Clock {

    private volatile Instant fixed;

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    public synchronized void set(Instant instant) {
        fixed = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the billing clock is in UTC; convert at the edge");
    }
}
