package io.lastmile.billing.account;

import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/accounts")
    Page<AccountView> search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String contract,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String email,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return accounts.search(new AccountQuery(q, contract, name, phone, email), page, size);
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

    @PatchMapping("/api/v1/accounts/{id}")
    AccountView change(@PathVariable long id, @RequestBody AccountPatch patch, Authentication caller) {
        return accounts.change(id, patch, caller.getName());
    }
}
