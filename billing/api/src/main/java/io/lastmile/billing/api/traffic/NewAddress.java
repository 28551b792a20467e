package io.lastmile.billing.api.traffic;

/**
 * An address or prefix to give an account.
 *
 * @param prefix an IPv4 or IPv6 address ({@code 10.0.0.5}, {@code 2001:db8::1}) or prefix
 *     ({@code 10.0.0.0/29}, {@code 2001:db8:1::/56}) with no bits set after its length
 * @param comment what it is, for the operator (up to 500 characters)
 */
public record NewAddress(String prefix, String comment) {}
