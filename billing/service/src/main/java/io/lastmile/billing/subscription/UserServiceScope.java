package io.lastmile.billing.subscription;

import io.lastmile.platform.security.AccountScope;
import io.lastmile.platform.web.NotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Keeps a subscriber to the services of their own account: another account's user service answers
 * 404 exactly as one that does not exist. Operators and services are not scoped.
 */
@Component
public class UserServiceScope {

    private final UserServiceRepository repository;

    UserServiceScope(UserServiceRepository repository) {
        this.repository = repository;
    }

    /** Lets the current caller reach user service `id`, or answers 404 "no user service with id N". */
    public void require(long id) {
        if (!AccountScope.isScoped(SecurityContextHolder.getContext().getAuthentication())) {
            return;
        }
        String notFound = "no user service with id " + id;
        long accountId = repository.accountOf(id).orElseThrow(() -> new NotFoundException(notFound));
        AccountScope.require(accountId, () -> notFound);
    }
}
