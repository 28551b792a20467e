package io.lastmile.billing.api;

import java.util.Map;

/** An order of a catalog service for an account; quantity defaults to 1. */
public record NewUserService(Long serviceId, Integer quantity, Map<String, Object> settings) {

    public NewUserService(long serviceId) {
        this(serviceId, null, null);
    }
}
