package io.lastmile.fiscal.account;

import io.lastmile.billing.api.AccountView;
import io.lastmile.fiscal.payment.AccountDirectory;
import io.lastmile.fiscal.payment.AccountLookup;
import io.lastmile.fiscal.payment.PayerAccount;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        return lookup(c, () -> billing.client().byContract(c), () -> cache.byContract(c));
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
        cache.remember(payer, a.status(), clock.instant());
        return "CLOSED".equals(a.status()) ? new AccountLookup.Unknown(key) : new AccountLookup.Found(payer);
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
