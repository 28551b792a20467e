package io.lastmile.billing.catalog;

/**
 * What an operator lists catalog services by; absent criteria match everything.
 *
 * @param category a category, or a pattern where {@code %} stands for any run of characters
 *     ({@code vpn-%}); every other character, {@code _} included, is itself
 * @param name a part of the name, in any case
 */
record ServiceQuery(String category, String name, Boolean orderable, boolean includeArchived) {

    ServiceQuery {
        category = blankToNull(category);
        name = blankToNull(name);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
