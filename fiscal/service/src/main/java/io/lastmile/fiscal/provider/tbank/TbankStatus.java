package io.lastmile.fiscal.provider.tbank;

import io.lastmile.fiscal.payment.ProviderPayment.Status;
import java.util.Map;

/** T-Bank's payment statuses (GetState, notifications) as the SPI's. */
final class TbankStatus {

    private static final Map<String, Status> STATUSES = Map.ofEntries(
            Map.entry("NEW", Status.PENDING),
            Map.entry("FORM_SHOWED", Status.PENDING),
            Map.entry("AUTHORIZING", Status.PENDING),
            Map.entry("3DS_CHECKING", Status.PENDING),
            Map.entry("3DS_CHECKED", Status.PENDING),
            Map.entry("AUTHORIZED", Status.PENDING),
            Map.entry("CONFIRMING", Status.PENDING),
            Map.entry("CONFIRMED", Status.PAID),
            Map.entry("PARTIAL_REFUNDED", Status.PAID),
            Map.entry("REFUNDING", Status.PAID),
            Map.entry("REFUNDED", Status.REFUNDED),
            Map.entry("REVERSING", Status.FAILED),
            Map.entry("PARTIAL_REVERSED", Status.PENDING),
            Map.entry("REVERSED", Status.FAILED),
            Map.entry("CANCELED", Status.FAILED),
            Map.entry("DEADLINE_EXPIRED", Status.FAILED),
            Map.entry("REJECTED", Status.FAILED),
            Map.entry("AUTH_FAIL", Status.FAILED));

    private TbankStatus() {}

    static Status of(String status) {
        return STATUSES.getOrDefault(status, Status.UNKNOWN);
    }
}
