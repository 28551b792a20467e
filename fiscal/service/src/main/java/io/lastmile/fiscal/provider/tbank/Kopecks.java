package io.lastmile.fiscal.provider.tbank;

import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;

/** T-Bank counts money in kopecks: exact conversions both ways, never rounded. */
final class Kopecks {

    private Kopecks() {}

    static BigDecimal toRubles(long kopecks) {
        return BigDecimal.valueOf(kopecks, 2);
    }

    /** @throws InvalidRequestException when the amount has more than two decimals or is not positive */
    static long of(BigDecimal rubles) {
        if (rubles.signum() <= 0) {
            throw InvalidRequestException.of("amount", "must be positive, was " + rubles.toPlainString());
        }
        try {
            BigInteger kopecks = rubles.movePointRight(2).toBigIntegerExact();
            return kopecks.longValueExact();
        } catch (ArithmeticException e) {
            throw InvalidRequestException.of(
                    "amount", "T-Bank takes whole kopecks; " + rubles.toPlainString() + " has more than two decimals");
        }
    }
}
