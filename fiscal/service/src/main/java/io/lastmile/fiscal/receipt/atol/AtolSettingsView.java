package io.lastmile.fiscal.receipt.atol;

import java.time.Instant;

/**
 * ATOL's settings as the API shows them: never the password, only whether one is set.
 *
 * @param source {@code database} once an administrator saved them, else {@code properties}
 */
record AtolSettingsView(
        boolean enabled,
        String baseUrl,
        String login,
        boolean passwordSet,
        String groupCode,
        String inn,
        String paymentAddress,
        String companyEmail,
        String sno,
        String vat,
        String itemName,
        int paymentObject,
        String paymentMethod,
        String source,
        String updatedBy,
        Instant updatedAt) {}
