package io.lastmile.billing.catalog;

import io.lastmile.platform.web.NotFoundException;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the subscription engine reads from the catalog: tariffs and the price in force. */
@Service
public class Catalog {

    private final CatalogRepository repository;

    Catalog(CatalogRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public Tariff tariff(long serviceId) {
        return repository.tariff(serviceId).orElseThrow(() -> new NotFoundException("no service with id " + serviceId));
    }

    /** The price version in force at {@code at}: the latest one whose effective date has come. */
    @Transactional(readOnly = true)
    public PriceVersion priceAt(long serviceId, Instant at) {
        return repository
                .priceAt(serviceId, at)
                .orElseThrow(() -> new NotFoundException("service " + serviceId + " has no price in force at " + at));
    }

    @Transactional(readOnly = true)
    public PriceVersion price(long priceId) {
        return repository.price(priceId).orElseThrow(() -> new NotFoundException("no price version " + priceId));
    }
}
