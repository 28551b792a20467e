package io.lastmile.fiscal.provider.robokassa;

import io.lastmile.fiscal.payment.Checkout;
import io.lastmile.fiscal.payment.Invoice;
import io.lastmile.fiscal.payment.PaymentPages;
import io.lastmile.fiscal.payment.PaymentProvider;
import io.lastmile.fiscal.payment.ProviderConfig;
import io.lastmile.fiscal.payment.ProviderPayment;
import io.lastmile.fiscal.payment.ProviderSetting;
import io.lastmile.fiscal.payment.StatusQuery;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Robokassa: the ResultURL ({@link RobokassaController}), the payment form (POST to
 * Merchant/Index.aspx, signed with Password#1, the contract in {@code Shp_account}), and an
 * invoice's state through OpStateExt. Robokassa's public interface lists no day's payments.
 */
@Component
class RobokassaProvider implements PaymentProvider, PaymentPages, StatusQuery {

    static final String NAME = "robokassa";
    static final String MERCHANT_LOGIN = "merchantLogin";
    static final String PASSWORD1 = "password1";
    static final String PASSWORD2 = "password2";
    static final String HASH_ALGORITHM = "hashAlgorithm";
    static final String PAYMENT_URL = "paymentUrl";
    static final String API_BASE_URL = "apiBaseUrl";
    static final String DEFAULT_PAYMENT_URL = "https://auth.robokassa.ru/Merchant/Index.aspx";

    private final OpStateExt opState = new OpStateExt();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(
                ProviderSetting.required(MERCHANT_LOGIN, "the shop's identifier (MerchantLogin)"),
                ProviderSetting.secret(PASSWORD1, "Password #1 (signs the payment form); the test one in test mode"),
                ProviderSetting.secret(
                        PASSWORD2, "Password #2 (signs ResultURL and OpStateExt); the test one in test mode"),
                ProviderSetting.optional(
                        HASH_ALGORITHM, "md5 (default), sha1, sha256, sha384 or sha512, as set in the shop"),
                ProviderSetting.optional(PAYMENT_URL, "payment form address, default " + DEFAULT_PAYMENT_URL),
                ProviderSetting.optional(
                        API_BASE_URL, "XML interface address, default " + OpStateExt.DEFAULT_BASE_URL));
    }

    @Override
    public Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl) {
        if (!"RUB".equals(invoice.currency())) {
            // OutSumCurrency would join the signature (MerchantLogin:OutSum:InvId:OutSumCurrency:Password1)
            throw new IllegalArgumentException("Robokassa invoices are in RUB here, not " + invoice.currency());
        }
        String login = config.require(MERCHANT_LOGIN);
        String outSum = invoice.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        String invId = String.valueOf(invoice.id());
        Map<String, String> shp = Map.of("Shp_account", invoice.contract());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MerchantLogin", login);
        fields.put("OutSum", outSum);
        fields.put("InvId", invId);
        String description = invoice.description() == null ? "Invoice " + invId : invoice.description();
        fields.put("Description", description.length() > 100 ? description.substring(0, 100) : description);
        fields.put(
                "SignatureValue",
                RobokassaSignature.form(
                        config.value(HASH_ALGORITHM).orElse("md5"),
                        login,
                        outSum,
                        invId,
                        config.require(PASSWORD1),
                        shp));
        fields.putAll(shp);
        if (invoice.customerEmail() != null) {
            fields.put("Email", invoice.customerEmail());
        }
        fields.put("Culture", "ru");
        fields.put("Encoding", "utf-8");
        if (config.testMode()) {
            fields.put("IsTest", "1");
        }
        return Checkout.form(config.value(PAYMENT_URL).orElse(DEFAULT_PAYMENT_URL), fields);
    }

    @Override
    public Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config) {
        return opState.query(providerPaymentId, config);
    }
}
