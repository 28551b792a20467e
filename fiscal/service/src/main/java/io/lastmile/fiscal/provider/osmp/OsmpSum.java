package io.lastmile.fiscal.provider.osmp;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** OSMP's sums: a dot as the separator, at most two decimals (kopecks); never rounded. */
final class OsmpSum {

    private static final Pattern SUM = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");

    private OsmpSum() {}

    /** Empty when the text is not a sum in OSMP's format (more than two decimals included). */
    static Optional<BigDecimal> parse(String text) {
        if (text == null || !SUM.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    /** Two decimals, as OSMP writes sums; exact, since a parsed sum has at most two. */
    static String format(BigDecimal sum) {
        return sum.setScale(2).toPlainString();
    }
}
