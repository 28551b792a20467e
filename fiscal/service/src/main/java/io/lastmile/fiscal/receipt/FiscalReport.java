package io.lastmile.fiscal.receipt;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A provider's answer on a registered document: still waiting, registered with its fiscal
 * attributes, or failed with the provider's error.
 */
public sealed interface FiscalReport {

    record Waiting() implements FiscalReport {}

    record Done(FiscalAttributes attributes) implements FiscalReport {}

    record Failed(String code, String text) implements FiscalReport {}

    /** The attributes of a registered receipt, as the fiscal drive (FN) signed them. */
    record FiscalAttributes(
            String fnNumber,
            Long fiscalReceiptNumber,
            Long fiscalDocumentNumber,
            Long fiscalDocumentAttribute,
            Instant receiptDatetime,
            String ecrRegistrationNumber,
            Integer shiftNumber,
            BigDecimal total,
            String ofdSite) {}
}
