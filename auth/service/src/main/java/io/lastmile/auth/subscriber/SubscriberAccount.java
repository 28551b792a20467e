package io.lastmile.auth.subscriber;

/** What the login needs of a subscriber; the hash is null until a password is set. */
public record SubscriberAccount(long accountId, String passwordHash, boolean enabled) {

    /** The principal name of a subscriber's login and the `sub` of their tokens. */
    public static final String PRINCIPAL_PREFIX = "subscriber:";

    public String principal() {
        return PRINCIPAL_PREFIX + accountId;
    }
}
