package io.lastmile.fiscal.payment;

import java.util.Optional;

/** The invoices a provider's notification may name (implemented by the core). */
public interface Invoices {

    Optional<Invoice> get(long id);
}
