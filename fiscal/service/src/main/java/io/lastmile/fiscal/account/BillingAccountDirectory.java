package io.lastmile.fiscal.account;

import io.lastmile.billing.api.AccountView;
import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.payment.PayerAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Accounts as billing knows them; each answer is remembered, so that a payer seen before is
 * found while billing is down. A closed account is {@link AccountLookup.Unknown}: it takes no payment.
 */
@Service
class BillingAccountDirectory implements AccountDirectory {

    private static final Logger log = LoggerFactory.getLogger(BillingAccountDirectory.class);

    private final BillingPeer billing;
    private final AccountCacheRepository cache;
    private final Clock clock;
    /**
     * What was last written to the local copy per account: a payer who pays often is written again
     * only when billing's answer changed or the copy is an hour old, not once per payment.
     */
    private final Map<Long, Written> written = new ConcurrentHashMap<>();

    private record Written(PayerAccount payer, String status, Instant at) {}

    /**
     * Billing's answer for a contract serves the payments of the next seconds: a payer paying in a
     * burst (or a terminal retrying) costs billing one lookup. An account closed within that window
     * may still take a payment: the money is on its balance for the operator to refund, not lost.
     */
    private final Map<String, Answered> answered = new ConcurrentHashMap<>();

    private record Answered(PayerAccount payer, Instant at) {}

    static final Duration FRESH = Duration.ofSeconds(30);

    private static final Duration REWRITE_AFTER = Duration.ofHours(1);
    private static final int WRITTEN_LIMIT = 200_000;

    BillingAccountDirectory(BillingPeer billing, AccountCacheRepository cache, Clock clock) {
        this.billing = billing;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public AccountLookup byContract(String contract) {
        if (contract == null || contract.isBlank()) {
            return new AccountLookup.Unknown(contract);
        }
        String c = contract.strip();
        Instant now = clock.instant();
        Answered recent = answered.get(c);
        if (recent != null && recent.at().plus(FRESH).isAfter(now)) {
            return new AccountLookup.Found(recent.payer());
        }
        AccountLookup found = lookup(c, () -> billing.client().byContract(c), () -> cache.byContract(c));
        if (found instanceof AccountLookup.Found f && f.account().contract().equals(c)) {
            if (answered.size() >= WRITTEN_LIMIT) {
                answered.clear();
            }
            answered.put(c, new Answered(f.account(), now));
        } else {
            answered.remove(c);
        }
        return found;
    }

    @Override
    public AccountLookup byId(long accountId) {
        return lookup(
                String.valueOf(accountId), () -> billing.client().account(accountId), () -> cache.byId(accountId));
    }

    private AccountLookup lookup(
            String key, Supplier<Optional<AccountView>> ask, Supplier<Optional<AccountCacheRepository.Cached>> cached) {
        Optional<AccountView> answer;
        try {
            answer = ask.get();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 404) {
                return new AccountLookup.Unknown(key);
            }
            return fromCache(
                    key,
                    cached,
                    "billing refused the lookup: " + e.getStatusCode().value());
        } catch (RestClientException | IllegalStateException e) {
            return fromCache(
                    key, cached, "billing did not answer: " + e.getClass().getSimpleName());
        }
        if (answer.isEmpty()) {
            return new AccountLookup.Unknown(key);
        }
        AccountView a = answer.get();
        PayerAccount payer = new PayerAccount(a.id(), a.contract(), a.currency(), a.email(), a.phone());
        remember(payer, a.status());
        return "CLOSED".equals(a.status()) ? new AccountLookup.Unknown(key) : new AccountLookup.Found(payer);
    }

    private void remember(PayerAccount payer, String status) {
        Instant now = clock.instant();
        Written last = written.get(payer.id());
        if (last != null
                && last.payer().equals(payer)
                && last.status().equals(status)
                && last.at().plus(REWRITE_AFTER).isAfter(now)) {
            return;
        }
        try {
            cache.remember(payer, status, now);
        } catch (DataIntegrityViolationException e) {
            // a parallel lookup of the same payer wrote the same copy first: the copy is there,
            // and the payment being looked up is no reason to fail
            log.debug("account {}: the local copy was written in parallel", payer.id());
            return;
        }
        // the write took the contract from any other account that had it: forget that one's write too
        written.values()
                .removeIf(w ->
                        w.payer().id() != payer.id() && w.payer().contract().equals(payer.contract()));
        if (written.size() >= WRITTEN_LIMIT) {
            written.clear(); // bounded: the next payment of each payer writes once more
        }
        written.put(payer.id(), new Written(payer, status, now));
    }

    private static AccountLookup fromCache(
            String key, Supplier<Optional<AccountCacheRepository.Cached>> cached, String reason) {
        log.warn("account {}: {}; using the local copy if there is one", key, reason);
        return cached.get()
                .<AccountLookup>map(c -> "CLOSED".equals(c.status())
                        ? new AccountLookup.Unknown(key)
                        : new AccountLookup.Found(c.account()))
                .orElseGet(() -> new AccountLookup.Unavailable(reason));
    }
}
