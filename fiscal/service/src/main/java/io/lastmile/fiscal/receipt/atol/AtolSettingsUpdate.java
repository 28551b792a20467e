package io.lastmile.fiscal.receipt.atol;

/**
 * A change of ATOL's settings ({@code PUT /api/v1/fiscal/atol}): a field left out (null) keeps its
 * value; the password is write-only (left out, it stays as it was).
 */
record AtolSettingsUpdate(
        Boolean enabled,
        String baseUrl,
        String login,
        String password,
        String groupCode,
        String inn,
        String paymentAddress,
        String companyEmail,
        String sno,
        String vat,
        String itemName,
        Integer paymentObject,
        String paymentMethod) {

    @Override
    public String toString() {
        return "AtolSettingsUpdate[enabled=" + enabled + ", baseUrl=" + baseUrl + ", login=" + login + ", password="
                + (password == null ? "null" : "***") + ", groupCode=" + groupCode + ", inn=" + inn + "]";
    }
}
