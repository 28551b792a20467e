package io.lastmile.fiscal.receipt.atol;

import io.lastmile.fiscal.receipt.FiscalReport.FiscalAttributes;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** The {@code payload} of a report in status {@code done}: the receipt's fiscal attributes. */
final class AtolReport {

    private AtolReport() {}

    static FiscalAttributes attributes(JsonNode payload, AtolProperties settings) {
        return new FiscalAttributes(
                text(payload, "fn_number"),
                number(payload, "fiscal_receipt_number"),
                number(payload, "fiscal_document_number"),
                number(payload, "fiscal_document_attribute"),
                datetime(text(payload, "receipt_datetime"), settings),
                text(payload, "ecr_registration_number"),
                payload.path("shift_number").isNumber()
                        ? payload.path("shift_number").asInt()
                        : null,
                payload.path("total").isNumber() ? payload.path("total").decimalValue() : total(payload),
                text(payload, "fns_site"));
    }

    private static BigDecimal total(JsonNode payload) {
        String total = text(payload, "total");
        return total == null ? null : new BigDecimal(total);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = text(node, field);
        return text == null || text.isBlank() ? null : Long.valueOf(text.trim());
    }

    private static java.time.Instant datetime(String value, AtolProperties settings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, AtolReceiptBody.TIMESTAMP)
                    .atZone(settings.zone())
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
