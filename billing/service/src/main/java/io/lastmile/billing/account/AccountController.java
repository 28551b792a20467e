package io.lastmile.billing.account;

import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/accounts/{id}")
    AccountView get(@PathVariable long id) {
        return accounts.get(id);
    }

    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView open(@RequestBody NewAccount request) {
        return accounts.open(request);
    }
}
