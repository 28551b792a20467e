package io.lastmile.billing.subscription;

import io.lastmile.billing.ledger.BalanceRaised;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When money reaches an account, its services that wait for money are marked due in the same
 * transaction, and processed right after the commit, so the payment's answer already shows them
 * running. If that fails, the billing clock's next run picks them up: the payment stands.
 */
@Component
class MoneyArrived {

    private final UserServiceRepository repository;
    private final BillingClock billingClock;
    private final Clock clock;

    MoneyArrived(UserServiceRepository repository, BillingClock billingClock, Clock clock) {
        this.repository = repository;
        this.billingClock = billingClock;
        this.clock = clock;
    }

    @EventListener
    void markWaitingServicesDue(BalanceRaised raised) {
        repository.wakeWaitingForMoney(raised.accountId(), clock.instant());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void processThem(BalanceRaised raised) {
        billingClock.runAccount(raised.accountId(), clock.instant());
    }
}
