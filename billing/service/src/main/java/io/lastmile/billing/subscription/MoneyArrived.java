package io.lastmile.billing.subscription;

import io.lastmile.billing.ledger.BalanceRaised;
import io.lastmile.billing.ledger.BalancesRaised;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When money reaches an account, its services that wait for money are marked due in the same
 * transaction, and processed right after the commit, so the payment's answer already shows them
 * running. If that fails, the billing clock's next run picks them up: the payment stands. An
 * account with nothing waiting is left to the clock.
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
        // most payments wake nothing: they then cost no second transaction after the commit
        runAfterCommit(repository.wakeWaitingForMoney(List.of(raised.accountId()), clock.instant()));
    }

    @EventListener
    void markWaitingServicesDue(BalancesRaised raised) {
        runAfterCommit(repository.wakeWaitingForMoney(raised.accountIds(), clock.instant()));
    }

    private void runAfterCommit(Collection<Long> woken) {
        if (woken.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    woken.forEach(account -> billingClock.runAccount(account, clock.instant()));
                }
            }
        });
    }
}
