package io.lastmile.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.UserServiceEventView;
import io.lastmile.billing.subscription.Lifecycle.Transition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

/**
 * One test per row of {@link Lifecycle#TABLE}: each row is reached through the real API, and the
 * service's history must show exactly that move. A row without a driver here fails its test.
 */
class LifecycleIT extends ScenarioTestBase {

    private static final String BROKEN = "broken";

    /** Brings a fresh service to the row's status and takes the row's action; answers the service id. */
    private final Map<String, Function<Scenario, Long>> drivers = Map.ofEntries(
            Map.entry("INIT PAID", s -> s.pay("100").order(monthly(s, "100"))),
            Map.entry("INIT UNPAID", s -> s.order(monthly(s, "100"))),
            Map.entry("NOT_PAID PAID", s -> {
                long us = s.order(monthly(s, "100"));
                s.pay("100");
                return us;
            }),
            Map.entry("NOT_PAID STOP", s -> stop(s, s.order(monthly(s, "100")))),
            Map.entry("PROGRESS PROVISIONED", s -> s.pay("100").order(monthly(s, "100"))),
            Map.entry("PROGRESS PROVISIONING_FAILED", s -> failed(s)),
            Map.entry("PROGRESS STOP", s -> stop(s, s.pay("100").order(broken(s)))),
            Map.entry("ACTIVE BLOCK", s -> {
                long us = s.pay("100").order(monthly(s, "100"));
                s.act(us, "block");
                return us;
            }),
            Map.entry("ACTIVE CHANGE_TARIFF", s -> {
                long us = s.pay("300").order(monthly(s, "100"));
                s.change(us, monthly(s, "150"));
                return us;
            }),
            Map.entry("ACTIVE STOP", s -> stop(s, s.pay("100").order(monthly(s, "100")))),
            Map.entry("BLOCKED PAID", s -> {
                long us = blockedForMoney(s);
                s.pay("100");
                return us;
            }),
            Map.entry("BLOCKED BLOCK", s -> {
                long us = blockedForMoney(s);
                s.act(us, "block");
                return us;
            }),
            Map.entry("BLOCKED STOP", s -> stop(s, blockedForMoney(s))),
            Map.entry("ERROR RETRY", s -> {
                long us = failed(s);
                s.act(us, "activate");
                return us;
            }),
            Map.entry("ERROR SKIP", s -> {
                long us = failed(s);
                s.act(us, "skip");
                return us;
            }),
            Map.entry("ERROR STOP", s -> stop(s, failed(s))));

    /**
     * The category 'broken' has its CREATE command bound to an HTTP server on a closed port, with a
     * single attempt: its services reach ERROR as soon as the spool runs.
     */
    @BeforeEach
    void bindTheBrokenCategory() throws IOException {
        if (db.fetchExists(db.selectOne().from("template").where("name = 'broken'"))) {
            db.execute("UPDATE event_binding SET enabled = true WHERE category_pattern = 'broken'");
            provisioning().changed();
            return;
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var fixture = provisioning();
        long server = fixture.httpServer("nowhere", "127.0.0.1", closed, null);
        long template = fixture.template("broken", "POST /create/{{ us.id }}");
        fixture.bind("CREATE", BROKEN, template, server, null, 0, 1, 1);
    }

    static Stream<Transition> rows() {
        return Lifecycle.TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachRowOfTheTableHappensThroughTheApi(Transition row) {
        var driver = drivers.get(row.from() + " " + row.action());
        assertThat(driver).as("a driver for " + row).isNotNull();
        Scenario s = story(MOSCOW, "2026-09-01T10:00");

        long us = driver.apply(s);

        assertThat(history(s, us))
                .as("history of user service " + us)
                .anySatisfy(e -> assertThat(e.from() + "->" + e.to()).isEqualTo(row.from() + "->" + row.to()));
    }

    @Test
    void aMoveThatIsNotInTheTableIsRefusedAndChangesNothing() {
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long us = s.pay("100").order(monthly(s, "100"));
        stop(s, us);
        List<String> ledger = s.ledger();

        var again = s.tryAct(us, "stop", null);
        var activate = s.tryAct(us, "activate", null);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("REMOVED");
        assertThat(activate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(s.status(us)).isEqualTo("REMOVED");
        assertThat(s.ledger()).isEqualTo(ledger);
    }

    @Test
    void aFailedPartOfABundleLeavesTheBundleInError() {
        Scenario s = story(MOSCOW, "2026-09-01T10:00");
        long part = broken(s);
        long bundle = s.tariff().create("100");
        TariffFixture.addChild(db, bundle, part, 1, 1);

        long us = s.pay("100").order(bundle);
        assertThat(s.status(us)).isEqualTo("PROGRESS");
        runSpool();

        assertThat(s.status(us)).isEqualTo("ERROR");
        long child = s.service(us).children().getFirst();
        assertThat(s.status(child)).isEqualTo("ERROR");
    }

    private static long monthly(Scenario s, String price) {
        return s.tariff().create(price);
    }

    private static long broken(Scenario s) {
        return s.tariff().category(BROKEN).create("100");
    }

    /** A service whose CREATE command failed: ERROR. */
    private long failed(Scenario s) {
        long us = s.pay("100").order(broken(s));
        assertThat(s.status(us)).isEqualTo("PROGRESS");
        runSpool();
        return us;
    }

    private static long stop(Scenario s, long us) {
        s.act(us, "stop");
        return us;
    }

    /** An ACTIVE service whose period ended without money: BLOCKED/NO_MONEY. */
    private static long blockedForMoney(Scenario s) {
        long us = s.pay("100").order(monthly(s, "100"));
        s.at("2026-10-02T10:00");
        assertThat(s.status(us)).isEqualTo("BLOCKED/NO_MONEY");
        return us;
    }

    private List<UserServiceEventView> history(Scenario s, long us) {
        return Arrays.asList(admin().get()
                .uri("/api/v1/user-services/{id}/history", us)
                .retrieve()
                .body(UserServiceEventView[].class));
    }
}
