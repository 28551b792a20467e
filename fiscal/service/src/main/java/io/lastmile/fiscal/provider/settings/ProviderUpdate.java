package io.lastmile.fiscal.provider.settings;

import java.util.Map;

/**
 * What PUT /api/v1/providers/{provider} changes: a field left out keeps its value, a setting left
 * out keeps its value (secrets included), a setting given as "" or null is removed.
 */
record ProviderUpdate(Boolean enabled, Boolean testMode, Map<String, String> settings) {}
