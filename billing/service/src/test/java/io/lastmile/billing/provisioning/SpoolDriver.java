package io.lastmile.billing.provisioning;

import io.lastmile.billing.provisioning.dispatch.Dispatcher;
import io.lastmile.billing.provisioning.spool.Spool;
import org.springframework.context.ApplicationContext;

/** Drives the spool in a test, as its workers would: dispatch the outbox, run what is ready, repeat. */
public final class SpoolDriver {

    private static final int MAX_ROUNDS = 10_000;
    private static final int BATCH = 50;

    private SpoolDriver() {}

    /** Runs until no event is pending and no task is ready; answers how many attempts ran. */
    public static int drain(ApplicationContext context) {
        Dispatcher dispatcher = context.getBean(Dispatcher.class);
        Spool spool = context.getBean(Spool.class);
        int attempts = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean progressed = dispatcher.dispatchBatch() > 0;
            // in batches, as the workers end them: the join's batch path is what runs in production
            for (int ran = spool.runReady(BATCH); ran > 0; ran = spool.runReady(BATCH)) {
                attempts += ran;
                progressed = true;
            }
            if (!progressed) {
                return attempts;
            }
        }
        throw new AssertionError("the spool did not come to rest in " + MAX_ROUNDS + " rounds");
    }
}
