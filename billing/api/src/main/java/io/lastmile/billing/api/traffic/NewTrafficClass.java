package io.lastmile.billing.api.traffic;

import java.util.List;

/**
 * A traffic class to create, or (without {@code code}) the new name and prefixes of one.
 *
 * @param code lower-case letters, digits, {@code -} and {@code _}, up to 64, e.g. {@code local}
 * @param name what operators and subscribers read, e.g. "City network"
 * @param prefixes the remote addresses of this class; each prefix belongs to one class only
 */
public record NewTrafficClass(String code, String name, List<String> prefixes) {}
