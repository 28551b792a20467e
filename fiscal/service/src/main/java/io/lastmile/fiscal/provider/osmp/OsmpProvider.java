package io.lastmile.fiscal.provider.osmp;

import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderSetting;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * OSMP (QIWI terminals): the terminal network asks {@code GET /pay/osmp?command=check} whether an
 * account exists, then {@code command=pay} books the cash ({@link OsmpController}). OSMP signs
 * nothing: requests are heard from the configured networks only, and with HTTP Basic when a login
 * is set.
 */
@Component
class OsmpProvider implements PaymentProvider {

    static final String NAME = "osmp";
    static final String SOURCE_NETWORKS = "sourceNetworks";
    static final String LOGIN = "login";
    static final String PASSWORD = "password";
    static final String MIN_SUM = "minSum";
    static final String MAX_SUM = "maxSum";
    static final String ACCOUNT_PATTERN = "accountPattern";
    static final String CURRENCY = "currency";
    static final String TIME_ZONE = "timeZone";

    /** QIWI's published provider-protocol networks (developer.qiwi.com, "Требования к интерфейсу провайдера"). */
    static final String PUBLISHED_NETWORKS = "79.142.16.0/20,91.232.230.0/23";

    static final String DEFAULT_ACCOUNT_PATTERN = "[0-9A-Za-z_./-]{1,64}";
    static final String DEFAULT_CURRENCY = "RUB";
    static final String DEFAULT_TIME_ZONE = "Europe/Moscow";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.optional(
                        SOURCE_NETWORKS,
                        "networks the terminal network calls from (CIDR blocks, comma separated), default QIWI's "
                                + PUBLISHED_NETWORKS),
                ProviderSetting.optional(LOGIN, "HTTP Basic login agreed with the terminal network; none: no Basic"),
                new ProviderSetting(PASSWORD, true, false, "HTTP Basic password agreed with the terminal network"),
                ProviderSetting.optional(MIN_SUM, "smallest sum accepted (result 241 below it), e.g. 1.00"),
                ProviderSetting.optional(MAX_SUM, "largest sum accepted (result 242 above it), e.g. 15000.00"),
                ProviderSetting.optional(
                        ACCOUNT_PATTERN,
                        "regular expression an account must match (result 4 otherwise), default "
                                + DEFAULT_ACCOUNT_PATTERN),
                ProviderSetting.optional(CURRENCY, "currency of the sums, default " + DEFAULT_CURRENCY),
                ProviderSetting.optional(
                        TIME_ZONE, "time zone of txn_date (the terminal network's), default " + DEFAULT_TIME_ZONE));
    }
}
