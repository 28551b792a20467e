package io.lastmile.fiscal.receipt;

/**
 * A fiscal data provider that registers 54-FZ receipts on its cash registers (ATOL Online, later
 * others). Separate from the payment SPI: any payment of any provider gets its receipt here.
 */
public interface FiscalRegistrar {

    /** The registrar's name, stored with each receipt, e.g. {@code atol}. */
    String name();

    /** Whether receipts are registered now (the settings may switch it off); true unless said. */
    default boolean enabled() {
        return true;
    }

    /**
     * Hands a receipt to the provider for registration.
     *
     * @return the provider's id of the document, to poll with {@link #report}
     * @throws FiscalException when the provider refused it or did not answer
     */
    String register(ReceiptDocument document);

    /**
     * The state of a document registered before.
     *
     * @throws FiscalException when the provider did not answer or refused the question
     */
    FiscalReport report(String documentId);
}
