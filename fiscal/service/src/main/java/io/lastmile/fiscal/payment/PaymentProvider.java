package io.lastmile.fiscal.payment;

import java.util.List;

/**
 * One payment system's adapter: a Spring bean in its own package
 * ({@code io.lastmile.fiscal.provider.<name>}) with its notification controller under
 * {@code /pay/<name>/...}. The adapter verifies what the provider signs, turns a notification into
 * an {@link IncomingPayment} or {@link IncomingRefund} for {@link PaymentBook}, and answers in the
 * provider's own format. An adapter may also implement {@link PaymentPages}, {@link StatusQuery}
 * and {@link ProviderStatement}.
 */
public interface PaymentProvider {

    /** The provider's name in URLs and settings: lower case, e.g. {@code osmp}, {@code cloudpayments}. */
    String name();

    /** The settings the provider takes; the operator sets them with PUT /api/v1/providers/{name}. */
    List<ProviderSetting> settings();
}
