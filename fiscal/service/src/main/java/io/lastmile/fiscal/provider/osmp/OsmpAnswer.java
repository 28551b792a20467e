package io.lastmile.fiscal.provider.osmp;

import java.math.BigDecimal;

/**
 * What OSMP is answered. With a result, the XML of the protocol, in its element order:
 * {@code osmp_txn_id}, {@code prv_txn} and {@code sum} (pay only), {@code result}, {@code comment}.
 * Without one (a request from outside the networks, or without the Basic credentials), a bare HTTP
 * status: it was not the terminal network asking.
 *
 * @param prvTxn our payment id (pay answered 0 only)
 * @param sum the sum booked, written with two decimals (pay only)
 */
record OsmpAnswer(int httpStatus, String txnId, Long prvTxn, BigDecimal sum, OsmpResult result, String comment) {

    static OsmpAnswer check(String txnId, OsmpResult result, String comment) {
        return new OsmpAnswer(200, txnId, null, null, result, comment);
    }

    static OsmpAnswer paid(String txnId, long prvTxn, BigDecimal sum) {
        return new OsmpAnswer(200, txnId, prvTxn, sum, OsmpResult.OK, "OK");
    }

    static OsmpAnswer refused(String txnId, OsmpResult result, String comment) {
        return new OsmpAnswer(200, txnId, null, null, result, comment);
    }

    static OsmpAnswer denied(int httpStatus, String why) {
        return new OsmpAnswer(httpStatus, null, null, null, null, why);
    }

    String xml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n");
        element(xml, "osmp_txn_id", txnId == null ? "" : txnId);
        if (prvTxn != null) {
            element(xml, "prv_txn", prvTxn.toString());
        }
        if (sum != null) {
            element(xml, "sum", OsmpSum.format(sum));
        }
        element(xml, "result", Integer.toString(result.code));
        element(xml, "comment", comment == null ? "" : comment);
        return xml.append("</response>\n").toString();
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<')
                .append(name)
                .append('>')
                .append(escape(text))
                .append("</")
                .append(name)
                .append(">\n");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
