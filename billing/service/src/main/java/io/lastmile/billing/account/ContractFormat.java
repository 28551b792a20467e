package io.lastmile.billing.account;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's format for generated contract numbers: literal text with `{seq:N}` (the next
 * number, zero-padded to N digits), `{yyyy}` and `{mm}`; e.g. `LM-{yyyy}-{seq:6}`.
 */
record ContractFormat(String pattern) {

    private static final Pattern SEQ = Pattern.compile("\\{seq(?::(\\d{1,2}))?}");

    ContractFormat {
        if (pattern == null || !SEQ.matcher(pattern).find()) {
            throw new IllegalArgumentException(
                    "contract format '" + pattern + "' needs a {seq} or {seq:N} placeholder, e.g. LM-{seq:6}");
        }
    }

    String format(long sequence, LocalDate today) {
        String withDate = pattern.replace("{yyyy}", String.format("%04d", today.getYear()))
                .replace("{mm}", String.format("%02d", today.getMonthValue()));
        Matcher m = SEQ.matcher(withDate);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int width = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(String.format("%0" + width + "d", sequence)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
