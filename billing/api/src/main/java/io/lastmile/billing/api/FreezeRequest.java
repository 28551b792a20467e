package io.lastmile.billing.api;

/** Freeze a user service for some days, within the tariff's minimum and maximum. */
public record FreezeRequest(Integer days) {}
