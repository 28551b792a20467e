package io.lastmile.billing.api;

import java.math.BigDecimal;

/** Take a promised payment: a credit of {@code amount} for {@code days} days (defaults to the longest allowed). */
public record NewPromisedPayment(BigDecimal amount, Integer days) {}
