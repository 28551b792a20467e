package io.lastmile.cabinet.overview;

import io.lastmile.billing.api.AccountView;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** An account's overview: the account from billing (over the network) and the helpdesk from here. */
@RestController
class OverviewController {

    private final BillingPeer billing;
    private final TicketRepository tickets;

    OverviewController(BillingPeer billing, TicketRepository tickets) {
        this.billing = billing;
        this.tickets = tickets;
    }

    @RequiresPermission(
            value = {Permissions.ACCOUNTS_READ, Permissions.SELF},
            account = "id")
    @GetMapping("/api/v1/accounts/{id}/overview")
    AccountOverview overview(@PathVariable long id) {
        AccountView account =
                billing.client().account(id).orElseThrow(() -> new NotFoundException("no account with id " + id));
        return new AccountOverview(
                account.id(),
                account.contract(),
                account.name(),
                account.balance(),
                account.currency(),
                tickets.countOpen(id));
    }
}
