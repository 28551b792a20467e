package io.lastmile.fiscal.receipt.atol;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ATOL Online v5 settings ({@code lastmile.fiscal.atol.*}).
 *
 * @param enabled receipts are registered with ATOL at all
 * @param baseUrl {@code https://online.atol.ru} in production, {@code https://testonline.atol.ru} for tests
 * @param login the integrator's login (the cabinet's "ЛК" settings)
 * @param password its password: a secret, never logged or answered
 * @param groupCode the cash register group, e.g. {@code group_code_12345}
 * @param inn the seller's INN (tag 1018)
 * @param paymentAddress the site where payments are taken (tag 1187)
 * @param companyEmail the seller's e-mail on the receipt (tag 1117)
 * @param sno taxation system: osn, usn_income, usn_income_outcome, esn, patent
 * @param vat the item's VAT type: none, vat0, vat5, vat7, vat10, vat20, vat105, vat107, vat110, vat120
 * @param itemName the item's name (tag 1030), e.g. "Услуги связи"
 * @param paymentObject the item's kind (tag 1212): 4 is a service
 * @param paymentMethod the way of settlement (tag 1214): full_payment, advance, full_prepayment ...
 * @param zone ATOL's timestamps are local time; this says which
 * @param timeout how long one HTTP call may take
 * @param tokenLifetime ATOL's token lives 24 h; it is renewed after this
 */
@ConfigurationProperties("lastmile.fiscal.atol")
public record AtolProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://online.atol.ru") String baseUrl,
        String login,
        String password,
        String groupCode,
        String inn,
        String paymentAddress,
        String companyEmail,
        @DefaultValue("osn") String sno,
        @DefaultValue("none") String vat,
        @DefaultValue("Услуги связи") String itemName,
        @DefaultValue("4") int paymentObject,
        @DefaultValue("full_payment") String paymentMethod,
        @DefaultValue("Europe/Moscow") ZoneId zone,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("23h") Duration tokenLifetime) {

    /** Amounts ATOL takes: rubles with at most two decimals. */
    static final int SCALE = 2;

    static BigDecimal exact(BigDecimal amount) {
        try {
            return amount.setScale(SCALE, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount.toPlainString() + " has more than " + SCALE + " decimals", e);
        }
    }

    @Override
    public String toString() {
        return "AtolProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", login=" + login
                + ", password=***, groupCode=" + groupCode + ", inn=" + inn + "]";
    }
}
