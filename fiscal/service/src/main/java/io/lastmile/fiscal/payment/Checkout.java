package io.lastmile.fiscal.payment;

import java.util.Map;

/**
 * Where to send the subscriber to pay an invoice: a redirect, or a form the browser submits
 * itself (Robokassa and others take a POST form).
 *
 * @param method GET for a redirect to {@code url}, POST for an auto-submitting form
 * @param fields the form's fields (empty for a redirect)
 * @param providerPaymentId the provider's id of the payment when creating the page gave one
 */
public record Checkout(String method, String url, Map<String, String> fields, String providerPaymentId) {

    public Checkout {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static Checkout redirect(String url, String providerPaymentId) {
        return new Checkout("GET", url, Map.of(), providerPaymentId);
    }

    public static Checkout form(String url, Map<String, String> fields) {
        return new Checkout("POST", url, fields, null);
    }
}
