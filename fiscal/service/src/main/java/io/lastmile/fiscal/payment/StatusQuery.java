package io.lastmile.fiscal.payment;

import java.util.Optional;

/** A provider whose API answers a payment's status (its base URL a setting, for tests). */
public interface StatusQuery {

    /**
     * @return empty when the provider does not know the payment
     * @throws ProviderUnavailableException when the provider did not answer
     */
    Optional<ProviderPayment> status(String providerPaymentId, ProviderConfig config);
}
