package io.lastmile.billing.api;

import java.math.BigDecimal;

/** Bonus points granted by an operator (a promotion, an apology); spent on charges. */
public record NewBonus(BigDecimal amount, String reason) {}
