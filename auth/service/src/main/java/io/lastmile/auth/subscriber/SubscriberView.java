package io.lastmile.auth.subscriber;

/** A subscriber's credential as the API shows it: whether a password is set, never its hash. */
public record SubscriberView(
        long accountId, String contract, String email, String phone, boolean enabled, boolean hasPassword) {

    static SubscriberView of(SubscriberRepository.StoredCredential c) {
        return new SubscriberView(
                c.accountId(), c.contract(), c.email(), c.phone(), c.enabled(), c.passwordHash() != null);
    }
}
