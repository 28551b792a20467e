package io.lastmile.billing.account;

/** What an operator searches accounts by; absent criteria match everything. */
record AccountQuery(String text, String contract, String name, String phone, String email) {

    AccountQuery {
        text = blankToNull(text);
        contract = blankToNull(contract);
        name = blankToNull(name);
        phone = blankToNull(phone);
        email = blankToNull(email);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
