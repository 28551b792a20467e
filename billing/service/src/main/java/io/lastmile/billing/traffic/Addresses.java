package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.AddressView;
import io.lastmile.billing.api.traffic.NewAddress;
import io.lastmile.billing.audit.AuditTrail;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The addresses and prefixes of accounts. Every change takes the map's lock first, so the check
 * for an overlap and the insert see the same addresses; the exclusion constraint of the table
 * stays as the last word.
 */
@Service
class Addresses {

    private final AddressRepository addresses;
    private final MapVersionRepository map;
    private final AuditTrail audit;
    private final Clock clock;

    Addresses(AddressRepository addresses, MapVersionRepository map, AuditTrail audit, Clock clock) {
        this.addresses = addresses;
        this.map = map;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<AddressView> of(long accountId) {
        requireAccount(accountId);
        return addresses.of(accountId);
    }

    @Transactional
    AddressView add(long accountId, NewAddress request, String actor) {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(request.prefix());
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("prefix", e.getMessage());
        }
        if (request.comment() != null && request.comment().length() > 500) {
            throw InvalidRequestException.of("comment", "must be at most 500 characters");
        }
        requireAccount(accountId);
        map.lock();
        addresses.overlapping(prefix).ifPresent(other -> {
            throw new AddressOverlapException(request.prefix().trim(), other, accountId);
        });
        AddressView added = addresses.insert(accountId, prefix, request.comment(), clock.instant(), actor);
        map.bump();
        audit.record(actor, "account.address.add", "account " + accountId, added.prefix());
        return added;
    }

    @Transactional
    void delete(long accountId, long addressId, String actor) {
        map.lock();
        AddressView address = addresses
                .find(accountId, addressId)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no address " + addressId));
        addresses.delete(addressId);
        map.bump();
        audit.record(actor, "account.address.delete", "account " + accountId, address.prefix());
    }

    private void requireAccount(long accountId) {
        if (!addresses.accountExists(accountId)) {
            throw new NotFoundException("no account with id " + accountId);
        }
    }
}
