package io.lastmile.billing.provisioning.admin;

import io.lastmile.billing.provisioning.CatalogChanged;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a change of the provisioning catalog in a transaction and publishes {@link CatalogChanged}
 * once it committed, outside the transaction, so that whoever reloads the catalog sees the change.
 * A change that fails publishes nothing.
 */
@Component
class CatalogChanges {

    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    CatalogChanges(PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    <T> T commit(String what, Supplier<T> change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Called inside a caller's transaction: publish when that one commits.
            T result = change.get();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        events.publishEvent(new CatalogChanged(what));
                    }
                }
            });
            return result;
        }
        T result = transaction.execute(status -> change.get());
        events.publishEvent(new CatalogChanged(what));
        return result;
    }

    void commit(String what, Runnable change) {
        commit(what, () -> {
            change.run();
            return null;
        });
    }
}
