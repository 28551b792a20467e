package io.lastmile.fiscal.payment;

/** A provider with payment pages: the adapter creates the page for an invoice. */
public interface PaymentPages {

    /**
     * @param returnUrl where the provider sends the subscriber back (the cabinet's page)
     * @throws ProviderUnavailableException when the provider's API did not answer or refused
     */
    Checkout checkout(Invoice invoice, ProviderConfig config, String returnUrl);
}
