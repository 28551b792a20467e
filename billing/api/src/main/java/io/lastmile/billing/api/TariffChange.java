package io.lastmile.billing.api;

/** Change a user service to another catalog service (now or at the period end, per the tariff). */
public record TariffChange(Long serviceId) {}
