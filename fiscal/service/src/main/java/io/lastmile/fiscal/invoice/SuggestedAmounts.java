package io.lastmile.fiscal.invoice;

import io.lastmile.billing.api.Forecast;
import io.lastmile.fiscal.account.BillingPeer;
import io.lastmile.platform.web.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The suggested amount: billing's forecast of what keeps the account's services running for the
 * next {@code forecast-days}, raised to the currency's smallest unit (a daily tariff can make a
 * forecast of fractions of a kopeck; paying a fraction less would not cover it).
 */
@Component
class SuggestedAmounts {

    private static final Logger log = LoggerFactory.getLogger(SuggestedAmounts.class);

    private final BillingPeer billing;
    private final InvoiceProperties properties;

    SuggestedAmounts(BillingPeer billing, InvoiceProperties properties) {
        this.billing = billing;
        this.properties = properties;
    }

    /**
     * @throws NotFoundException when billing has no such account
     * @throws UpstreamException (503) when billing did not answer
     */
    SuggestedAmount of(long accountId) {
        Forecast forecast;
        try {
            forecast = billing.client().forecast(accountId, properties.forecastDays());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 404) {
                throw new NotFoundException("no account with id " + accountId);
            }
            throw unavailable(
                    accountId,
                    "billing refused the forecast: HTTP " + e.getStatusCode().value());
        } catch (RestClientException | IllegalStateException e) {
            throw unavailable(
                    accountId, "billing did not answer: " + e.getClass().getSimpleName());
        }
        if (forecast == null || forecast.currency() == null) {
            throw unavailable(accountId, "billing answered no forecast");
        }
        BigDecimal toPay =
                forecast.toPay() == null || forecast.toPay().signum() <= 0 ? BigDecimal.ZERO : forecast.toPay();
        int digits = Math.max(Currency.getInstance(forecast.currency()).getDefaultFractionDigits(), 0);
        BigDecimal amount = toPay.setScale(digits, RoundingMode.CEILING);
        return new SuggestedAmount(accountId, amount, forecast.currency(), forecast.until());
    }

    private UpstreamException unavailable(long accountId, String reason) {
        log.warn("suggested amount of account {}: {}", accountId, reason);
        return new UpstreamException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the suggested amount is not known now (" + reason + "); give the amount to pay");
    }
}
