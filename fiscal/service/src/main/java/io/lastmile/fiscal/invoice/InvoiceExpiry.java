package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.book.InvoiceRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks OPEN invoices past their {@code expires_at} EXPIRED, every
 * {@code lastmile.fiscal.invoices.expiry-interval}. A payment the provider still confirms for an
 * expired invoice is booked all the same: the money was taken.
 */
@Component
class InvoiceExpiry {

    private static final Logger log = LoggerFactory.getLogger(InvoiceExpiry.class);

    private final InvoiceRepository invoices;
    private final Clock clock;

    InvoiceExpiry(InvoiceRepository invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${lastmile.fiscal.invoices.expiry-interval:1m}",
            initialDelayString = "${lastmile.fiscal.invoices.expiry-interval:1m}")
    void run() {
        int expired = invoices.expire(clock.instant());
        if (expired > 0) {
            log.info("{} open invoice(s) expired", expired);
        }
    }
}
