package io.lastmile.billing.account;

import io.lastmile.billing.api.AccountPatch;
import io.lastmile.billing.api.AccountView;
import io.lastmile.billing.api.NewAccount;
import io.lastmile.billing.api.Page;
import io.lastmile.platform.security.Callers;
import io.lastmile.platform.security.PermissionDeniedException;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import java.util.List;
import java.util.Locale;
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

    @RequiresPermission(Permissions.ACCOUNTS_READ)
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

    @RequiresPermission(
            value = {Permissions.ACCOUNTS_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}")
    AccountView get(@PathVariable long id) {
        return accounts.get(id);
    }

    @RequiresPermission(Permissions.ACCOUNTS_WRITE)
    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView open(@RequestBody NewAccount request) {
        return accounts.open(request);
    }

    @RequiresPermission({Permissions.ACCOUNTS_WRITE, Permissions.ACCOUNTS_BLOCK})
    @PatchMapping("/api/v1/accounts/{id}")
    AccountView change(@PathVariable long id, @RequestBody AccountPatch patch, Authentication caller) {
        if (!Callers.has(caller, Permissions.ACCOUNTS_WRITE) && !onlyBlocksOrUnblocks(patch)) {
            throw new PermissionDeniedException(
                    "with accounts.block you may only change the status to BLOCKED or ACTIVE;"
                            + " other changes need accounts.write",
                    List.of(Permissions.ACCOUNTS_WRITE));
        }
        return accounts.change(id, patch, caller.getName());
    }

    /** Support's part of a change: the status alone, to BLOCKED or back to ACTIVE. */
    private static boolean onlyBlocksOrUnblocks(AccountPatch patch) {
        boolean statusOnly = patch.contract() == null
                && patch.name() == null
                && patch.type() == null
                && patch.taxId() == null
                && patch.phone() == null
                && patch.email() == null
                && patch.address() == null
                && patch.timeZone() == null
                && patch.discountPercent() == null
                && patch.creditLimit() == null
                && patch.settings() == null;
        return statusOnly
                && patch.status() != null
                && List.of("ACTIVE", "BLOCKED").contains(patch.status().toUpperCase(Locale.ROOT));
    }
}
