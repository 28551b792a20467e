package io.lastmile.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.lastmile.billing.BillingApiTestBase;
import io.lastmile.billing.api.NewPrice;
import io.lastmile.billing.api.NewService;
import io.lastmile.billing.api.PriceView;
import io.lastmile.billing.api.ServiceChild;
import io.lastmile.billing.api.ServiceChildView;
import io.lastmile.billing.api.ServicePatch;
import io.lastmile.billing.api.ServiceView;
import io.lastmile.billing.clock.MutableClock;
import io.lastmile.billing.period.MonthStyle;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The operator's catalog API over real HTTP, behind the real resource-server chain, on real PostgreSQL. */
class CatalogApiIT extends BillingApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICES = "/api/v1/catalog/services";
    private static final Instant T0 = Instant.parse("2031-03-01T09:00:00Z");

    @Autowired
    Catalog catalog;

    @Autowired
    MutableClock clock;

    @AfterEach
    void realTimeAgain() {
        clock.set(null);
    }

    // --- create, one test per charge mode ---

    @Test
    void createsAMonthlyServiceWithDefaultsAndItsFirstPrice() {
        clock.set(T0);
        ServiceView created = create(new NewService("Home 100", "internet", new BigDecimal("900"), "p1m", "PERIOD"));

        assertThat(created.name()).isEqualTo("Home 100");
        assertThat(created.currency()).isEqualTo("RUB");
        assertThat(created.period()).isEqualTo("P1M");
        assertThat(created.chargeMode()).isEqualTo("PERIOD");
        assertThat(created.monthStyle()).isEqualTo("CALENDAR");
        assertThat(created.orderable()).isFalse();
        assertThat(created.autoRenew()).isTrue();
        assertThat(created.changeMode()).isEqualTo("NOW");
        assertThat(created.notifyDaysBefore()).isEqualTo(3);
        assertThat(created.graceDays()).isZero();
        assertThat(created.freezeMaxDays()).isNull();
        assertThat(created.settings()).isEmpty();
        assertThat(created.archived()).isFalse();
        assertThat(created.children()).isEmpty();
        assertThat(created.price()).isEqualTo(new BigDecimal("900.00"));
        assertThat(created.priceVersion()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(admin().get()
                        .uri(SERVICES + "/{id}", created.id())
                        .retrieve()
                        .body(ServiceView.class))
                .isEqualTo(created);

        List<PriceView> prices = prices(created.id());
        assertThat(prices).hasSize(1);
        assertThat(prices.getFirst().id()).isEqualTo(created.priceId());
        assertThat(prices.getFirst().effectiveFrom()).isEqualTo(T0);
        assertThat(prices.getFirst().inForce()).isTrue();
        assertThat(prices.getFirst().createdBy()).isEqualTo("cli");
    }

    @Test
    void createsADailyServiceWithEveryFieldGiven() {
        ServiceView trial = create(new NewService("Trial week", "internet", new BigDecimal("0"), "P7D", "DAILY"));
        Map<String, Object> body = service("Daily 50", "internet-daily", "300.50", "P1Y", "DAILY");
        body.put("currency", "RUB");
        body.put("monthStyle", "THIRTY_DAY");
        body.put("orderable", true);
        body.put("autoRenew", false);
        body.put("followUpServiceId", trial.id());
        body.put("changeMode", "PERIOD_END");
        body.put("notifyDaysBefore", 5);
        body.put("graceDays", 2);
        body.put("freezeMinDays", 7);
        body.put("freezeMaxDays", 90);
        body.put("freezeMonthlyFee", "50");
        body.put("settings", Map.of("speed", 50, "vlan", "home"));

        ResponseEntity<ServiceView> response =
                admin().post().uri(SERVICES).body(body).retrieve().toEntity(ServiceView.class);

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        ServiceView daily = response.getBody();
        assertThat(daily.period()).isEqualTo("P1Y");
        assertThat(daily.chargeMode()).isEqualTo("DAILY");
        assertThat(daily.monthStyle()).isEqualTo("THIRTY_DAY");
        assertThat(daily.orderable()).isTrue();
        assertThat(daily.autoRenew()).isFalse();
        assertThat(daily.followUpServiceId()).isEqualTo(trial.id());
        assertThat(daily.changeMode()).isEqualTo("PERIOD_END");
        assertThat(daily.notifyDaysBefore()).isEqualTo(5);
        assertThat(daily.graceDays()).isEqualTo(2);
        assertThat(daily.freezeMinDays()).isEqualTo(7);
        assertThat(daily.freezeMaxDays()).isEqualTo(90);
        assertThat(daily.freezeMonthlyFee()).isEqualTo(new BigDecimal("50.00"));
        assertThat(daily.settings()).containsEntry("speed", 50).containsEntry("vlan", "home");
        assertThat(daily.price()).isEqualTo(new BigDecimal("300.50"));

        Tariff tariff = catalog.tariff(daily.id());
        assertThat(tariff.period().months()).isEqualTo(12);
        assertThat(tariff.monthStyle()).isEqualTo(MonthStyle.THIRTY_DAY);
        assertThat(tariff.changeMode()).isEqualTo(ChangeMode.PERIOD_END);
        assertThat(tariff.followUpServiceId()).isEqualTo(trial.id());
        assertThat(tariff.settings()).containsEntry("speed", 50);
    }

    @Test
    void createsAOneOffFeeWithoutAPeriod() {
        ServiceView fee = create(new NewService("Connection", "connection", new BigDecimal("1500"), null, "ONCE"));

        assertThat(fee.chargeMode()).isEqualTo("ONCE");
        assertThat(fee.period()).isNull();
        assertThat(catalog.tariff(fee.id()).period()).isNull();
        assertThat(catalog.tariff(fee.id()).chargeMode()).isEqualTo(ChargeMode.ONCE);
    }

    @Test
    void takesTheCurrencyGivenAtItsMinorUnits() {
        Map<String, Object> body = service("Tokyo 1G", "internet", "4500", "P1M", "PERIOD");
        body.put("currency", "JPY");
        ServiceView yen = admin().post().uri(SERVICES).body(body).retrieve().body(ServiceView.class);

        assertThat(yen.currency()).isEqualTo("JPY");
        assertThat(yen.price()).isEqualTo(new BigDecimal("4500"));

        body.put("price", "4500.5");
        assertThat(errors(post(body)))
                .containsOnlyKeys("price")
                .extractingByKey("price")
                .asString()
                .contains("more decimals than JPY allows (0)");
    }

    // --- validation: every bad field named in one problem ---

    @Test
    void namesEveryBadFieldOfANewService() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", " ");
        body.put("category", "VPN Basic");
        body.put("currency", "ZZZ");
        body.put("price", "-1");
        body.put("period", "P1X");
        body.put("chargeMode", "PERIOD");
        body.put("monthStyle", "LUNAR");
        body.put("changeMode", "LATER");
        body.put("notifyDaysBefore", 61);
        body.put("graceDays", -1);
        body.put("freezeMinDays", 0);
        body.put("freezeMaxDays", 0);
        body.put("freezeMonthlyFee", "-5");
        body.put("followUpServiceId", 999_999);
        body.put("children", List.of(Map.of("serviceId", 999_998), Map.of("quantity", 0)));

        ResponseEntity<String> bad = post(body);

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(errors(bad))
                .containsOnlyKeys(
                        "name",
                        "category",
                        "currency",
                        "price",
                        "period",
                        "monthStyle",
                        "changeMode",
                        "notifyDaysBefore",
                        "graceDays",
                        "freezeMinDays",
                        "freezeMaxDays",
                        "freezeMonthlyFee",
                        "followUpServiceId",
                        "children[0].serviceId",
                        "children[1].serviceId",
                        "children[1].quantity")
                .containsEntry("currency", "'ZZZ' is not an ISO 4217 code such as RUB or USD")
                .containsEntry("monthStyle", "must be CALENDAR, THIRTY_DAY, not 'LUNAR'")
                .containsEntry("followUpServiceId", "no service with id 999999")
                .containsEntry("children[0].serviceId", "no service with id 999998")
                .containsEntry("children[1].serviceId", "is required");
        assertThat(errors(bad).get("period")).contains("'P1X'", "unknown unit");
        assertThat(errors(bad).get("category")).contains("lowercase");
    }

    @Test
    void namesTheRequiredFieldsMissing() {
        assertThat(errors(post(Map.of())))
                .containsOnlyKeys("name", "category", "price", "chargeMode")
                .containsEntry("price", "is required");

        assertThat(errors(post(Map.of("chargeMode", "WEEKLY"))))
                .containsEntry("chargeMode", "must be PERIOD, DAILY, ONCE, not 'WEEKLY'");
    }

    @Test
    void refusesAPriceMorePreciseThanTheCurrencyOrTooLarge() {
        assertThat(errors(post(service("Bad", "internet", "10.001", "P1M", "PERIOD"))))
                .containsOnlyKeys("price")
                .containsEntry("price", "10.001 has more decimals than RUB allows (2)");
        assertThat(errors(post(service("Bad", "internet", "1000000000000000", "P1M", "PERIOD"))))
                .containsEntry("price", "1000000000000000 is too large");
        Map<String, Object> gold = service("Gold", "internet", "1", "P1M", "PERIOD");
        gold.put("currency", "XAU");
        assertThat(errors(post(gold))).containsOnlyKeys("currency");
    }

    @Test
    void wantsAPeriodExceptForOneOffServices() {
        assertThat(errors(post(service("No period", "internet", "1", null, "PERIOD"))))
                .containsOnlyKeys("period")
                .containsEntry("period", "is required for PERIOD services, e.g. P1M");
        assertThat(errors(post(service("No period", "internet", "1", null, "DAILY"))))
                .containsEntry("period", "is required for DAILY services, e.g. P1M");
        assertThat(errors(post(service("Fee", "connection", "1", "P1M", "ONCE"))))
                .containsOnlyKeys("period")
                .containsEntry("period", "a one-off (ONCE) service has no period; leave it out");
        assertThat(errors(post(service("Minutes", "internet", "1", "PT30M", "PERIOD")))
                        .get("period"))
                .contains("minutes or seconds");
    }

    @Test
    void wantsAFreezeLimitWithinTheOtherAndAMaximum() {
        Map<String, Object> upsideDown = service("Freeze", "internet", "1", "P1M", "PERIOD");
        upsideDown.put("freezeMinDays", 30);
        upsideDown.put("freezeMaxDays", 10);
        assertThat(errors(post(upsideDown)))
                .containsOnlyKeys("freezeMinDays")
                .containsEntry("freezeMinDays", "must not exceed freezeMaxDays (10), not 30");

        Map<String, Object> noMax = service("Freeze", "internet", "1", "P1M", "PERIOD");
        noMax.put("freezeMonthlyFee", "10");
        assertThat(errors(post(noMax))).containsOnlyKeys("freezeMaxDays");
    }

    @Test
    void wantsAFollowUpThatIsSoldPeriodicAndInTheSameCurrency() {
        Map<String, Object> dollars = service("Dollar plan", "internet", "10", "P1M", "PERIOD");
        dollars.put("currency", "USD");
        long usd = admin().post()
                .uri(SERVICES)
                .body(dollars)
                .retrieve()
                .body(ServiceView.class)
                .id();
        long fee = create(new NewService("Fee", "connection", BigDecimal.ONE, null, "ONCE"))
                .id();
        long old = create(new NewService("Old plan", "internet", BigDecimal.ONE, "P1M", "PERIOD"))
                .id();
        archive(old, true);

        assertThat(errors(post(withFollowUp(usd))).get("followUpServiceId"))
                .isEqualTo("service " + usd + " is in USD, this one in RUB; the follow-up must be in the same"
                        + " currency");
        assertThat(errors(post(withFollowUp(fee))).get("followUpServiceId")).contains("one-off");
        assertThat(errors(post(withFollowUp(old))).get("followUpServiceId"))
                .isEqualTo("service " + old + " is archived");
        Map<String, Object> oneOffWithFollowUp = service("Fee", "connection", "1", null, "ONCE");
        oneOffWithFollowUp.put("followUpServiceId", old);
        assertThat(errors(post(oneOffWithFollowUp)).get("followUpServiceId")).contains("never ends");
    }

    // --- bundles ---

    @Test
    void createsABundleOfServicesInOrderWithQuantities() {
        long internet = create(new NewService("Internet 500", "internet", new BigDecimal("700"), "P1M", "PERIOD"))
                .id();
        long tv = create(new NewService("TV basic", "tv", new BigDecimal("300"), "P1M", "PERIOD"))
                .id();
        Map<String, Object> ipBody = service("Static IP", "ip", "150", "P1M", "PERIOD");
        ipBody.put("currency", "USD"); // parts need not share the bundle's currency
        long ip = admin().post()
                .uri(SERVICES)
                .body(ipBody)
                .retrieve()
                .body(ServiceView.class)
                .id();
        Map<String, Object> body = service("Family", "bundle", "1000", "P1M", "PERIOD");
        body.put(
                "children",
                List.of(
                        Map.of("serviceId", tv),
                        Map.of("serviceId", internet, "quantity", 1),
                        Map.of("serviceId", ip, "quantity", 2)));

        ServiceView bundle = admin().post().uri(SERVICES).body(body).retrieve().body(ServiceView.class);

        assertThat(bundle.children())
                .containsExactly(
                        new ServiceChildView(tv, "TV basic", 1),
                        new ServiceChildView(internet, "Internet 500", 1),
                        new ServiceChildView(ip, "Static IP", 2));
        assertThat(catalog.tariff(bundle.id()).children())
                .containsExactly(new Tariff.Child(tv, 1), new Tariff.Child(internet, 1), new Tariff.Child(ip, 2));
    }

    @Test
    void namesEveryBadPartOfABundle() {
        long tv = create(new NewService("TV", "tv", BigDecimal.TEN, "P1M", "PERIOD"))
                .id();
        long old = create(new NewService("Old TV", "tv", BigDecimal.TEN, "P1M", "PERIOD"))
                .id();
        archive(old, true);
        Map<String, Object> body = service("Bundle", "bundle", "10", "P1M", "PERIOD");
        body.put(
                "children",
                List.of(
                        Map.of("serviceId", tv),
                        Map.of("serviceId", tv, "quantity", 2),
                        Map.of("serviceId", old),
                        Map.of("serviceId", tv + 1_000_000, "quantity", 1001)));

        assertThat(errors(post(body)))
                .containsOnlyKeys(
                        "children[1].serviceId",
                        "children[2].serviceId",
                        "children[3].serviceId",
                        "children[3].quantity")
                .containsEntry(
                        "children[1].serviceId", "service " + tv + " is listed twice; give it once, with a quantity")
                .containsEntry("children[2].serviceId", "service " + old + " is archived; it cannot go into a bundle")
                .containsEntry("children[3].quantity", "must be from 1 to 1000, not 1001");
    }

    @Test
    void refusesABundleInsideItselfAtAnyDepth() {
        long c = create(new NewService("C", "part", BigDecimal.ONE, "P1M", "PERIOD"))
                .id();
        long b = create(bundleOf("B", c)).id();
        long a = create(bundleOf("A", b)).id();

        ResponseEntity<String> self = patch(a, childrenPatch(List.of(Map.of("serviceId", a))));
        ResponseEntity<String> direct = patch(b, childrenPatch(List.of(Map.of("serviceId", a))));
        ResponseEntity<String> deep = patch(c, childrenPatch(List.of(Map.of("serviceId", a))));

        assertThat(errors(self)).containsEntry("children[0].serviceId", "a bundle cannot contain itself");
        assertThat(errors(direct).get("children")).startsWith("would make a cycle (" + b + " → " + a + " → " + b + ")");
        assertThat(errors(deep).get("children"))
                .startsWith("would make a cycle (" + c + " → " + a + " → " + b + " → " + c + ")");
        assertThat(catalog.tariff(c).children()).isEmpty();
        assertThat(catalog.tariff(b).children()).containsExactly(new Tariff.Child(c, 1));

        long d = create(new NewService("D", "part", BigDecimal.ONE, "P1M", "PERIOD"))
                .id();
        ServiceView reshaped =
                patch(c, childrenPatch(List.of(Map.of("serviceId", d, "quantity", 3))), ServiceView.class);
        assertThat(reshaped.children()).containsExactly(new ServiceChildView(d, "D", 3));
    }

    // --- price versions ---

    @Test
    void keepsPriceVersionsAndAnswersTheOneInForceAtEachInstant() {
        clock.set(T0);
        ServiceView s = create(new NewService("Versioned", "internet", new BigDecimal("100"), "P1M", "PERIOD"));
        Instant in10Days = T0.plus(Duration.ofDays(10));
        Instant in40Days = T0.plus(Duration.ofDays(40));

        ResponseEntity<PriceView> second = addPrice(s.id(), new NewPrice(new BigDecimal("120"), in10Days));
        PriceView third = addPrice(s.id(), new NewPrice(new BigDecimal("150.50"), in40Days))
                .getBody();

        assertThat(second.getStatusCode().value()).isEqualTo(201);
        assertThat(second.getBody().version()).isEqualTo(2);
        assertThat(second.getBody().price()).isEqualTo(new BigDecimal("120.00"));
        assertThat(second.getBody().inForce()).isFalse();
        assertThat(third.version()).isEqualTo(3);
        assertThat(prices(s.id()))
                .extracting(PriceView::version, PriceView::inForce)
                .containsExactly(tuple(1, true), tuple(2, false), tuple(3, false));

        assertThat(catalog.priceAt(s.id(), T0).version()).isEqualTo(1);
        assertThat(catalog.priceAt(s.id(), in10Days.minusNanos(1_000)).version())
                .isEqualTo(1);
        assertThat(catalog.priceAt(s.id(), in10Days).version()).isEqualTo(2);
        assertThat(catalog.priceAt(s.id(), in10Days).id())
                .isEqualTo(second.getBody().id());
        assertThat(catalog.priceAt(s.id(), in40Days.minusSeconds(1)).price()).isEqualByComparingTo("120");
        assertThat(catalog.priceAt(s.id(), in40Days).price()).isEqualByComparingTo("150.50");
        assertThat(catalog.priceAt(s.id(), T0.plus(Duration.ofDays(1000))).version())
                .isEqualTo(3);
        assertThatThrownBy(() -> catalog.priceAt(s.id(), T0.minusSeconds(1))).isInstanceOf(NotFoundException.class);
        assertThat(catalog.price(third.id()).effectiveFrom()).isEqualTo(in40Days);

        clock.set(T0.plus(Duration.ofDays(15)));
        ServiceView later = get(s.id());
        assertThat(later.price()).isEqualTo(new BigDecimal("120.00"));
        assertThat(later.priceVersion()).isEqualTo(2);
        assertThat(later.priceId()).isEqualTo(second.getBody().id());
        assertThat(prices(s.id()))
                .filteredOn(PriceView::inForce)
                .extracting(PriceView::version)
                .containsExactly(2);
    }

    @Test
    void takesANewPriceFromNowWhenNoDateIsGivenAndAllowsAMinuteOfDelay() {
        clock.set(T0);
        long id = create(new NewService("Now", "internet", new BigDecimal("100"), "P1M", "PERIOD"))
                .id();

        clock.set(T0.plus(Duration.ofHours(1)));
        PriceView now = addPrice(id, new NewPrice(new BigDecimal("110"), null)).getBody();
        clock.set(T0.plus(Duration.ofHours(2)));
        PriceView late = addPrice(
                        id,
                        new NewPrice(
                                new BigDecimal("120"),
                                T0.plus(Duration.ofHours(2)).minusSeconds(30)))
                .getBody();

        assertThat(now.effectiveFrom()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.inForce()).isTrue();
        assertThat(late.version()).isEqualTo(3);
        assertThat(late.effectiveFrom()).isEqualTo(T0.plus(Duration.ofHours(2)).minusSeconds(30));
        assertThat(late.inForce()).isTrue();
        assertThat(prices(id))
                .filteredOn(PriceView::inForce)
                .extracting(PriceView::version)
                .containsExactly(3);
        assertThat(get(id).price()).isEqualTo(new BigDecimal("120.00"));
    }

    @Test
    void refusesAPriceInThePastBeforeTheLatestVersionOrBadlyWritten() {
        clock.set(T0);
        long id = create(new NewService("Strict", "internet", new BigDecimal("100"), "P1M", "PERIOD"))
                .id();
        addPrice(id, new NewPrice(new BigDecimal("120"), T0.plus(Duration.ofDays(30))));

        var past = errors(addPriceRaw(id, new NewPrice(BigDecimal.TEN, T0.minus(Duration.ofMinutes(2)))));
        var beforeLatest = errors(addPriceRaw(id, new NewPrice(BigDecimal.TEN, T0.plus(Duration.ofDays(20)))));
        var sameInstant = errors(addPriceRaw(id, new NewPrice(BigDecimal.TEN, T0.plus(Duration.ofDays(30)))));
        var badPrice = errors(addPriceRaw(id, new NewPrice(new BigDecimal("-0.015"), T0.plus(Duration.ofDays(40)))));
        var noPrice = errors(addPriceRaw(id, new NewPrice(null, T0.plus(Duration.ofDays(40)))));

        assertThat(past).containsOnlyKeys("effectiveFrom");
        assertThat(past.get("effectiveFrom")).contains("is in the past");
        assertThat(beforeLatest.get("effectiveFrom"))
                .isEqualTo(
                        "must be after " + T0.plus(Duration.ofDays(30)) + ", when the latest version (2) takes effect");
        assertThat(sameInstant).containsOnlyKeys("effectiveFrom");
        assertThat(badPrice).containsOnlyKeys("price").containsEntry("price", "must be 0 or more, not -0.015");
        assertThat(noPrice).containsEntry("price", "is required");
        assertThat(prices(id)).hasSize(2);
        assertThat(addPriceRaw(999_999, new NewPrice(BigDecimal.TEN, null))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(admin().get()
                        .uri(SERVICES + "/999999/prices")
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    // --- listing ---

    @Test
    void listsByCategoryPatternOrderableAndArchivedWithPaging() {
        long basic = create(named("VPN basic", "lf-vpn-basic", true)).id();
        long pro = create(named("VPN pro", "lf-vpn-pro", false)).id();
        long tv = create(named("TV", "lf-tv", true)).id();
        long underscore = create(named("Underscore", "lf_u", true)).id();
        long lookalike = create(named("Look-alike", "lfxu", true)).id();
        long gone = create(named("VPN old", "lf-vpn-old", true)).id();
        archive(gone, true);

        assertThat(ids(search("category=lf-vpn-%"))).containsExactly(basic, pro);
        assertThat(ids(search("category=lf-vpn-%&includeArchived=true"))).containsExactly(basic, pro, gone);
        assertThat(ids(search("category=lf-vpn-%&orderable=true"))).containsExactly(basic);
        assertThat(ids(search("category=lf-vpn-%&orderable=false"))).containsExactly(pro);
        assertThat(ids(search("category=LF-TV"))).containsExactly(tv);
        assertThat(ids(search("category=lf_u"))).as("_ is a plain character").containsExactly(underscore);
        assertThat(ids(search("category=lf%u"))).containsExactly(underscore, lookalike);
        assertThat(ids(search("category=lf%&name=vpn"))).containsExactly(basic, pro);

        Map<String, Object> firstPage = page("category=lf%&size=2&page=0");
        Map<String, Object> thirdPage = page("category=lf%&size=2&page=2");
        assertThat(firstPage).containsEntry("total", 5).containsEntry("page", 0).containsEntry("size", 2);
        assertThat(ids(firstPage)).containsExactly(basic, pro);
        assertThat(ids(thirdPage)).containsExactly(lookalike);
        assertThat(errors(admin().get().uri(SERVICES + "?size=501").retrieve().toEntity(String.class)))
                .containsKey("size");
    }

    // --- changes and archive ---

    @Test
    void changesOnlyTheFieldsGiven() {
        clock.set(T0);
        ServiceView s = create(named("Home", "internet", false));
        clock.set(T0.plusSeconds(60));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("name", "Home plus");
        patch.put("orderable", true);
        patch.put("graceDays", 5);
        patch.put("period", "P3M");
        patch.put("changeMode", "PERIOD_END");
        patch.put("settings", Map.of("speed", 200));

        ResponseEntity<ServiceView> response = admin().patch()
                .uri(SERVICES + "/{id}", s.id())
                .body(patch)
                .retrieve()
                .toEntity(ServiceView.class);

        ServiceView changed = response.getBody();
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.name()).isEqualTo("Home plus");
        assertThat(changed.orderable()).isTrue();
        assertThat(changed.graceDays()).isEqualTo(5);
        assertThat(changed.period()).isEqualTo("P3M");
        assertThat(changed.changeMode()).isEqualTo("PERIOD_END");
        assertThat(changed.settings()).containsExactly(Map.entry("speed", 200));
        assertThat(changed.currency()).isEqualTo("RUB");
        assertThat(changed.price()).isEqualTo(s.price());
        assertThat(changed.priceVersion()).isEqualTo(1);
        assertThat(changed.category()).isEqualTo("internet");
        assertThat(changed.notifyDaysBefore()).isEqualTo(3);
        assertThat(changed.createdAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(get(s.id())).isEqualTo(changed);
        assertThat(catalog.tariff(s.id()).period().months()).isEqualTo(3);
    }

    @Test
    void switchesChargeModesAndClearsOptionalFields() {
        long next = create(named("Paid", "internet", true)).id();
        Map<String, Object> body = service("Trial", "internet", "0", "P7D", "PERIOD");
        body.put("autoRenew", false);
        body.put("followUpServiceId", next);
        body.put("freezeMaxDays", 30);
        body.put("freezeMonthlyFee", "10");
        long trial = admin().post()
                .uri(SERVICES)
                .body(body)
                .retrieve()
                .body(ServiceView.class)
                .id();

        assertThat(errors(patch(trial, Map.of("chargeMode", "ONCE")))).containsOnlyKeys("followUpServiceId");
        assertThat(errors(patch(next, Map.of("chargeMode", "ONCE"))).get("chargeMode"))
                .isEqualTo("services [" + trial + "] turn into this one when not renewed; it must keep a period");
        assertThat(errors(patch(trial, Map.of("followUpServiceId", trial))))
                .containsEntry("followUpServiceId", "cannot be the service itself; to renew it, set autoRenew");
        assertThat(errors(patch(trial, Map.of("freezeMaxDays", 40, "clear", List.of("freezeMaxDays", "speed")))))
                .containsOnlyKeys("clear");

        ServiceView cleared = patch(
                trial,
                Map.of("clear", List.of("followUpServiceId", "freezeMaxDays", "freezeMonthlyFee")),
                ServiceView.class);
        assertThat(cleared.followUpServiceId()).isNull();
        assertThat(cleared.freezeMaxDays()).isNull();
        assertThat(cleared.freezeMonthlyFee()).isNull();

        ServiceView oneOff = patch(trial, Map.of("chargeMode", "ONCE"), ServiceView.class);
        assertThat(oneOff.chargeMode()).isEqualTo("ONCE");
        assertThat(oneOff.period()).isNull();

        assertThat(errors(patch(trial, Map.of("chargeMode", "DAILY"))))
                .containsEntry("period", "is required for DAILY services, e.g. P1M");
        ServiceView daily = patch(trial, Map.of("chargeMode", "DAILY", "period", "P1M"), ServiceView.class);
        assertThat(daily.chargeMode()).isEqualTo("DAILY");
        assertThat(daily.period()).isEqualTo("P1M");
    }

    @Test
    void namesEveryBadFieldOfAChange() {
        long id = create(named("Target", "internet", true)).id();
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("name", "x".repeat(201));
        patch.put("category", "Internet!");
        patch.put("period", "P0D");
        patch.put("monthStyle", "lunar");
        patch.put("notifyDaysBefore", -1);
        patch.put("freezeMinDays", 5);
        patch.put("children", List.of(Map.of("serviceId", id)));

        ResponseEntity<String> bad = patch(id, patch);

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(bad))
                .containsOnlyKeys(
                        "name",
                        "category",
                        "period",
                        "monthStyle",
                        "notifyDaysBefore",
                        "freezeMaxDays",
                        "children[0].serviceId");
        assertThat(get(id).name()).isEqualTo("Target");
        assertThat(patch(999_999, Map.of("name", "x")).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void refusesToChangeTheCurrencyOrThePriceInPlace() {
        ServiceView s = create(named("Fixed", "internet", true));

        Map<String, String> errors = errors(patch(s.id(), Map.of("currency", "USD", "price", "1", "name", "Other")));

        assertThat(errors)
                .containsOnlyKeys("currency", "price")
                .containsEntry(
                        "price", "changes by a new price version: POST /api/v1/catalog/services/" + s.id() + "/prices");
        assertThat(get(s.id())).isEqualTo(s);
    }

    @Test
    void namesAFieldOfTheWrongType() {
        Map<String, Object> body = service("Typed", "internet", "1", "P1M", "PERIOD");
        body.put("children", List.of(Map.of("serviceId", 1, "quantity", "two")));
        Map<String, Object> settings = service("Typed", "internet", "1", "P1M", "PERIOD");
        settings.put("settings", List.of("not", "an", "object"));

        assertThat(errors(post(body)))
                .containsOnlyKeys("children[0].quantity")
                .containsEntry("children[0].quantity", "must be a whole number");
        assertThat(errors(post(settings)))
                .containsOnlyKeys("settings")
                .containsEntry("settings", "must be a JSON object");
        assertThat(errors(post(List.of()))).containsOnlyKeys("body");
        assertThat(errors(addPriceRaw(create(named("P", "internet", true)).id(), Map.of("effectiveFrom", "tomorrow"))))
                .containsEntry("effectiveFrom", "must be an ISO-8601 instant such as 2031-03-01T00:00:00Z");
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesTheCatalogInTheOpenApiDocument() {
        Map<String, Object> api = JSON.readValue(
                client(null).get().uri("/v3/api-docs").retrieve().body(String.class),
                new TypeReference<Map<String, Object>>() {});

        assertThat((Map<String, Object>) api.get("paths"))
                .containsKeys(SERVICES, SERVICES + "/{id}", SERVICES + "/{id}/prices");
        assertThat((Map<String, Object>) ((Map<String, Object>) api.get("components")).get("schemas"))
                .containsKeys("NewService", "ServicePatch", "NewPrice", "ServiceView", "PriceView");
    }

    @Test
    void archivesAServiceAndBringsItBack() {
        ServiceView s = create(named("Old tariff", "archive-test", true));

        ServiceView archived = archive(s.id(), true);

        assertThat(archived.archived()).isTrue();
        assertThat(ids(search("category=archive-test"))).isEmpty();
        assertThat(ids(search("category=archive-test&includeArchived=true"))).containsExactly(s.id());
        assertThat(get(s.id()).archived()).isTrue();
        assertThat(catalog.tariff(s.id()).archived()).isTrue();
        assertThat(catalog.priceAt(s.id(), Instant.now()).version())
                .as("running subscriptions keep being charged")
                .isEqualTo(1);

        assertThat(archive(s.id(), false).archived()).isFalse();
        assertThat(ids(search("category=archive-test"))).containsExactly(s.id());
    }

    @Test
    void keepsAnArchivedPartInTheBundlesThatHaveIt() {
        long part = create(named("Old option", "option", true)).id();
        long bundle = create(bundleOf("Keeper", part)).id();
        archive(part, true);

        ServiceView changed =
                patch(bundle, childrenPatch(List.of(Map.of("serviceId", part, "quantity", 2))), ServiceView.class);

        assertThat(changed.children()).containsExactly(new ServiceChildView(part, "Old option", 2));
        assertThat(errors(post(bundleOf("Newcomer", part))))
                .containsEntry("children[0].serviceId", "service " + part + " is archived; it cannot go into a bundle");
    }

    // --- access ---

    @Test
    void refusesCallsWithoutAToken() {
        long id = create(named("Secret", "internet", true)).id();

        assertThat(client(null)
                        .get()
                        .uri(SERVICES)
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(client(null)
                        .post()
                        .uri(SERVICES)
                        .body(named("Sneaky", "internet", true))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(client(null)
                        .post()
                        .uri(SERVICES + "/{id}/prices", id)
                        .body(new NewPrice(BigDecimal.ONE, null))
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(client(TOKENS.token("someone"))
                        .get()
                        .uri(SERVICES)
                        .retrieve()
                        .toBodilessEntity()
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(prices(id)).hasSize(1);
    }

    @Test
    void answersAnUnknownServiceAsNotFound() {
        ResponseEntity<String> missing =
                admin().get().uri(SERVICES + "/999999").retrieve().toEntity(String.class);

        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(missing.getBody()).contains("no service with id 999999");
    }

    // --- helpers ---

    private ServiceView create(NewService request) {
        ResponseEntity<ServiceView> created =
                admin().post().uri(SERVICES).body(request).retrieve().toEntity(ServiceView.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created.getBody();
    }

    private ServiceView get(long id) {
        return admin().get().uri(SERVICES + "/{id}", id).retrieve().body(ServiceView.class);
    }

    private ResponseEntity<String> post(Object body) {
        return admin().post().uri(SERVICES).body(body).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> patch(long id, Object body) {
        return admin().patch().uri(SERVICES + "/{id}", id).body(body).retrieve().toEntity(String.class);
    }

    private <T> T patch(long id, Object body, Class<T> type) {
        ResponseEntity<T> response = admin().patch()
                .uri(SERVICES + "/{id}", id)
                .body(body)
                .retrieve()
                .toEntity(type);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return response.getBody();
    }

    private ServiceView archive(long id, boolean archived) {
        return patch(id, ServicePatch.archive(archived), ServiceView.class);
    }

    private ResponseEntity<PriceView> addPrice(long id, NewPrice price) {
        ResponseEntity<PriceView> response = admin().post()
                .uri(SERVICES + "/{id}/prices", id)
                .body(price)
                .retrieve()
                .toEntity(PriceView.class);
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        return response;
    }

    private ResponseEntity<String> addPriceRaw(long id, Object price) {
        return admin().post()
                .uri(SERVICES + "/{id}/prices", id)
                .body(price)
                .retrieve()
                .toEntity(String.class);
    }

    private List<PriceView> prices(long id) {
        return admin().get()
                .uri(SERVICES + "/{id}/prices", id)
                .retrieve()
                .body(new ParameterizedTypeReference<List<PriceView>>() {});
    }

    private Map<String, Object> page(String query) {
        return JSON.readValue(
                admin().get().uri(SERVICES + "?" + query).retrieve().body(String.class),
                new TypeReference<Map<String, Object>>() {});
    }

    private Map<String, Object> search(String query) {
        return page(query);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> ((Number) item.get("id")).longValue()).toList();
    }

    /** The `errors` of a 400 problem: each bad field and what is wrong with it. */
    private static Map<String, String> errors(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        Map<String, Object> problem = JSON.readValue(response.getBody(), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) problem.get("errors");
        return errors;
    }

    private static Map<String, Object> service(
            String name, String category, String price, String period, String chargeMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("category", category);
        body.put("price", price);
        body.put("period", period);
        body.put("chargeMode", chargeMode);
        return body;
    }

    private static Map<String, Object> withFollowUp(long followUpId) {
        Map<String, Object> body = service("Trial", "internet", "0", "P7D", "PERIOD");
        body.put("autoRenew", false);
        body.put("followUpServiceId", followUpId);
        return body;
    }

    private static NewService named(String name, String category, boolean orderable) {
        return new NewService(
                name,
                category,
                null,
                new BigDecimal("500"),
                "P1M",
                "PERIOD",
                null,
                orderable,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static NewService bundleOf(String name, long childId) {
        return new NewService(
                name,
                "bundle",
                null,
                BigDecimal.ONE,
                "P1M",
                "PERIOD",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new ServiceChild(childId, null)));
    }

    private static Map<String, Object> childrenPatch(List<Map<String, Object>> children) {
        return Map.of("children", children);
    }
}
