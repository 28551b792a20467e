package io.lastmile.fiscal.receipt;

import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.receipt.ReceiptLifecycle.Event;
import io.lastmile.fiscal.receipt.ReceiptRepository.Change;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes a receipt for every payment and refund that has none, sends the queued ones to the fiscal
 * registrar and polls the sent ones until the registrar reports done or fail. Runs in parallel
 * safely: receipts are unique per payment and refund, and each run claims what it works on.
 */
@Component
public class ReceiptJob {

    private static final Logger log = LoggerFactory.getLogger(ReceiptJob.class);

    private final ReceiptRepository receipts;
    private final ObjectProvider<FiscalRegistrar> registrars;
    private final ObjectProvider<AccountDirectory> accounts;
    private final ReceiptProperties settings;
    private final Clock clock;

    ReceiptJob(
            ReceiptRepository receipts,
            ObjectProvider<FiscalRegistrar> registrars,
            ObjectProvider<AccountDirectory> accounts,
            ReceiptProperties settings,
            Clock clock) {
        this.receipts = receipts;
        this.registrars = registrars;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${lastmile.fiscal.receipts.interval:PT10S}",
            initialDelayString = "${lastmile.fiscal.receipts.interval:PT10S}")
    void scheduled() {
        if (settings.enabled()) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("receipt job failed, next run tries again: {}", e.toString());
            }
        }
    }

    /** One run: enqueue, then send or poll what is due. Answers the receipts worked on. */
    public int runOnce() {
        FiscalRegistrar registrar = registrars.getIfAvailable();
        if (registrar == null || !registrar.enabled()) {
            return 0;
        }
        enqueue(registrar.name());
        List<Receipt> due = receipts.claimDue(clock.instant(), settings.lease(), settings.batch());
        for (Receipt receipt : due) {
            switch (receipt.status()) {
                case QUEUED -> send(registrar, receipt);
                case SENT -> poll(registrar, receipt);
                default -> {}
            }
        }
        return due.size();
    }

    /** Receipts for payments and refunds that have none; answers how many were made. */
    public int enqueue(String registrar) {
        Instant now = clock.instant();
        return receipts.enqueueSells(registrar, now) + receipts.enqueueRefunds(registrar, now);
    }

    /** Sends a failed receipt again (operator). */
    Receipt retry(long id) {
        Receipt receipt = receipts.get(id).orElseThrow(() -> new NotFoundException("no receipt with id " + id));
        if (ReceiptLifecycle.next(receipt.status(), Event.RETRY).isEmpty()) {
            throw new ConflictException(
                    "receipt " + id + " is " + receipt.status() + "; only a FAILED one is sent again");
        }
        Instant now = clock.instant();
        if (!receipts.move(
                id,
                receipt.status(),
                ReceiptLifecycle.require(receipt.status(), Event.RETRY),
                new Change(now, null, null, false, null, true, null),
                now)) {
            throw new ConflictException("receipt " + id + " changed meanwhile; look again");
        }
        return receipts.get(id).orElseThrow();
    }

    private void send(FiscalRegistrar registrar, Receipt receipt) {
        Instant now = clock.instant();
        ReceiptDocument document = document(receipt, now);
        try {
            String uuid = registrar.register(document);
            move(
                    receipt,
                    Event.ACCEPTED,
                    new Change(now.plus(settings.pollInterval()), null, null, false, uuid, false, null));
        } catch (FiscalException e) {
            failed(receipt, e);
        }
    }

    private void poll(FiscalRegistrar registrar, Receipt receipt) {
        Instant now = clock.instant();
        try {
            FiscalReport report = registrar.report(receipt.registrarUuid());
            switch (report) {
                case FiscalReport.Waiting w ->
                    move(receipt, Event.REPORT_WAIT, Change.none(now.plus(settings.pollInterval())));
                case FiscalReport.Done d ->
                    move(receipt, Event.REPORT_DONE, new Change(now, null, null, false, null, false, d.attributes()));
                case FiscalReport.Failed f ->
                    move(receipt, Event.REPORT_FAIL, new Change(now, f.code(), f.text(), false, null, false, null));
            }
        } catch (FiscalException e) {
            failed(receipt, e);
        }
    }

    private void failed(Receipt receipt, FiscalException e) {
        Instant now = clock.instant();
        if (e.temporary()) {
            log.info(
                    "receipt {}: {} (attempt {}), trying again later",
                    receipt.id(),
                    e.getMessage(),
                    receipt.attempts() + 1);
            move(
                    receipt,
                    Event.TEMPORARY_ERROR,
                    new Change(
                            now.plus(settings.backoff(receipt.attempts())),
                            e.code(),
                            e.getMessage(),
                            true,
                            null,
                            false,
                            null));
        } else {
            log.warn("receipt {} failed: {}", receipt.id(), e.getMessage());
            move(receipt, Event.PERMANENT_ERROR, new Change(now, e.code(), e.getMessage(), true, null, false, null));
        }
    }

    private void move(Receipt receipt, Event event, Change change) {
        ReceiptStatus to = ReceiptLifecycle.require(receipt.status(), event);
        if (!receipts.move(receipt.id(), receipt.status(), to, change, clock.instant())) {
            log.info("receipt {} moved meanwhile; {} not applied", receipt.id(), event);
        }
    }

    /** The document; the account's contact when the payment brought none. */
    private ReceiptDocument document(Receipt receipt, Instant now) {
        String email = receipt.clientEmail();
        String phone = receipt.clientPhone();
        AccountDirectory directory = accounts.getIfAvailable();
        if (blank(email) && blank(phone) && receipt.accountId() != null && directory != null) {
            if (directory.byId(receipt.accountId()) instanceof AccountLookup.Found found) {
                email = found.account().email();
                phone = found.account().phone();
            }
        }
        return new ReceiptDocument(
                receipt.kind(),
                receipt.externalId(),
                now,
                email,
                phone,
                receipt.amount(),
                receipt.currency(),
                receipt.cash());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
