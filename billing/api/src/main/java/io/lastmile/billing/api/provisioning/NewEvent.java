package io.lastmile.billing.api.provisioning;

import java.util.Map;

/** A custom event raised through the API: its name (upper case), a detail, and data for account events. */
public record NewEvent(String event, String detail, Map<String, Object> payload) {}
