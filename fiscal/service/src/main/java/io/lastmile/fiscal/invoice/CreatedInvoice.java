package io.lastmile.fiscal.invoice;

import io.lastmile.fiscal.payment.Checkout;
import java.util.Map;

/** The invoice made and where to send the subscriber to pay it. */
record CreatedInvoice(InvoiceView invoice, PaymentPage page) {

    /**
     * A redirect ({@code method} GET: send the browser to {@code url}) or a form the browser
     * submits itself ({@code method} POST to {@code url} with {@code fields}).
     */
    record PaymentPage(String method, String url, Map<String, String> fields) {

        static PaymentPage of(Checkout c) {
            return new PaymentPage(c.method(), c.url(), c.fields());
        }
    }
}
