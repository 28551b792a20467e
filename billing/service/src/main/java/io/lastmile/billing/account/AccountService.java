package io.lastmile.billing.account;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.Currency;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AccountService {

    private final AccountRepository accounts;
    private final Clock clock;

    AccountService(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AccountView get(long id) {
        return accounts.find(id).orElseThrow(() -> new NotFoundException("no account with id " + id));
    }

    @Transactional
    AccountView open(NewAccount request) {
        String contract = required(request.contract(), "contract").trim();
        String name = required(request.name(), "name").trim();
        String currency = required(request.currency(), "currency").trim();
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "currency '" + currency + "' is not an ISO 4217 code such as RUB or USD");
        }
        if (accounts.contractExists(contract)) {
            throw new ContractTakenException(contract);
        }
        return accounts.insert(contract, name, currency, clock.instant());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }
}
