package io.lastmile.fiscal.receipt.atol;

import io.lastmile.fiscal.receipt.ReceiptDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The body of ATOL v5's {@code sell} and {@code sell_refund}: one item, the whole sum, one payment. */
final class AtolReceiptBody {

    /** ATOL's timestamp format, local time of {@link AtolProperties#zone}. */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    /** Payment types (tag 1031/1081): 0 cash, 1 electronic. */
    static final int CASH = 0;

    static final int ELECTRONIC = 1;

    /** Measure (tag 2108): 0 is "piece or unit". */
    static final int MEASURE_PIECE = 0;

    private AtolReceiptBody() {}

    static String timestamp(Instant at, AtolProperties settings) {
        return TIMESTAMP.format(at.atZone(settings.zone()));
    }

    static ObjectNode of(ReceiptDocument document, AtolProperties settings) {
        if (!"RUB".equals(document.currency())) {
            throw new IllegalArgumentException("ATOL registers receipts in RUB only, not " + document.currency());
        }
        BigDecimal sum = AtolProperties.exact(document.amount());
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode body = json.objectNode();
        body.put("external_id", document.externalId());
        ObjectNode receipt = body.putObject("receipt");
        ObjectNode client = receipt.putObject("client");
        if (document.clientEmail() != null && !document.clientEmail().isBlank()) {
            client.put("email", document.clientEmail());
        } else if (document.clientPhone() != null && !document.clientPhone().isBlank()) {
            client.put("phone", document.clientPhone());
        } else {
            throw new IllegalArgumentException("the customer has neither an e-mail nor a phone for the receipt");
        }
        ObjectNode company = receipt.putObject("company");
        company.put("email", settings.companyEmail());
        company.put("sno", settings.sno());
        company.put("inn", settings.inn());
        company.put("payment_address", settings.paymentAddress());
        ObjectNode item = receipt.putArray("items").addObject();
        item.put("name", settings.itemName());
        item.put("price", sum);
        item.put("quantity", BigDecimal.ONE.setScale(3));
        item.put("sum", sum);
        item.put("measure", MEASURE_PIECE);
        item.put("payment_method", settings.paymentMethod());
        item.put("payment_object", settings.paymentObject());
        item.putObject("vat").put("type", settings.vat());
        ObjectNode payment = receipt.putArray("payments").addObject();
        payment.put("type", document.cash() ? CASH : ELECTRONIC);
        payment.put("sum", sum);
        receipt.put("total", sum);
        body.put("timestamp", timestamp(document.at(), settings));
        return body;
    }
}
