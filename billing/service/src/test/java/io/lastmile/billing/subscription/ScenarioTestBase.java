package io.lastmile.billing.subscription;

import io.lastmile.billing.BillingApiTestBase;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;

/** Scenario tests: each test is one subscriber's story on its own account, at its own dates. */
abstract class ScenarioTestBase extends BillingApiTestBase {

    static final String MOSCOW = "Europe/Moscow";
    static final String BERLIN = "Europe/Berlin";

    @Autowired
    DSLContext db;

    Scenario story(String zone, String startLocal) {
        return new Scenario(admin(), db, zone, startLocal);
    }

    Scenario story(String zone, String startLocal, String discount, String creditLimit) {
        return new Scenario(admin(), db, zone, startLocal, discount, creditLimit);
    }
}
