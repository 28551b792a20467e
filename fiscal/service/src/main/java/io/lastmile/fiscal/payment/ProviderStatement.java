package io.lastmile.fiscal.payment;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** A provider whose API lists a day's payments, for the daily reconciliation. */
public interface ProviderStatement {

    /** The day's payments in the operator's time zone; paid ones at least. */
    List<ProviderPayment> payments(LocalDate day, ZoneId zone, ProviderConfig config);
}
