package io.lastmile.fiscal.cashdesk;

import io.lastmile.fiscal.db.tables.records.ReceiptRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The desk's printable receipt: a small HTML page, every value escaped. It shows the fiscal
 * attributes once the fiscal registrar reported them, and "fiscal receipt pending" before.
 */
final class ReceiptPage {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private ReceiptPage() {}

    static String render(CashPaymentView p, Optional<ReceiptRecord> receipt, CashDeskProperties settings) {
        ZoneId zone = settings.zone();
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">")
                .append("<title>Payment ")
                .append(p.id())
                .append("</title><style>body{font-family:monospace;max-width:40em;margin:1em auto}")
                .append("th{text-align:left;padding-right:1em}</style>")
                .append("</head><body>\n");
        if (!settings.organisation().isBlank()) {
            html.append("<h1>").append(escape(settings.organisation())).append("</h1>\n");
        }
        html.append("<h2>Cash payment receipt</h2>\n<table>\n");
        row(html, "Payment", String.valueOf(p.id()));
        row(html, "Date", date(p.paidAt(), zone));
        row(html, "Cashier", p.cashier());
        row(html, "Account", String.valueOf(p.accountId()));
        row(html, "Contract", p.contract());
        row(html, "Amount", p.amount().toPlainString() + " " + p.currency());
        row(html, "Paid in", "cash");
        row(html, "Note", p.note());
        row(html, "Receipt to", p.customerEmail() != null ? p.customerEmail() : p.customerPhone());
        html.append("</table>\n");
        ReceiptRecord r = receipt.orElse(null);
        if (r != null && r.getFiscalDocumentNumber() != null) {
            html.append("<h3>Fiscal receipt</h3>\n<table class=\"fiscal\">\n");
            row(
                    html,
                    "Fiscal receipt date",
                    date(
                            r.getReceiptDatetime() == null
                                    ? null
                                    : r.getReceiptDatetime().toInstant(),
                            zone));
            row(html, "Receipt number", text(r.getFiscalReceiptNumber()));
            row(html, "Shift", text(r.getShiftNumber()));
            row(html, "FN", r.getFnNumber());
            row(html, "FD", text(r.getFiscalDocumentNumber()));
            row(html, "FPD", text(r.getFiscalDocumentAttribute()));
            row(html, "KKT registration number", r.getEcrRegistrationNumber());
            row(html, "Check at", r.getOfdSite());
            html.append("</table>\n");
        } else if (r != null && "FAILED".equals(r.getStatus())) {
            html.append("<p class=\"fiscal\">Fiscal receipt not registered yet: ")
                    .append(escape(r.getErrorText()))
                    .append("</p>\n");
        } else {
            html.append("<p class=\"fiscal\">Fiscal receipt pending</p>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        html.append("<tr><th>")
                .append(escape(label))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    private static String date(Instant at, ZoneId zone) {
        return at == null ? null : DATE.format(at.atZone(zone));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** HTML-escapes text for an element's content or a quoted attribute. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
