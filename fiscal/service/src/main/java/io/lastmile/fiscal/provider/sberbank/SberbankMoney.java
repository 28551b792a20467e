package io.lastmile.fiscal.provider.sberbank;

import io.lastmile.platform.web.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** Sberbank's gateway counts money in minor units and names currencies by their ISO 4217 numbers. */
final class SberbankMoney {

    private static final Map<String, String> NUMERIC = Map.of("RUB", "643", "USD", "840", "EUR", "978");

    private SberbankMoney() {}

    static BigDecimal toUnits(long minor) {
        return BigDecimal.valueOf(minor, 2);
    }

    /** @throws InvalidRequestException when the amount has more than two decimals or is not positive */
    static long toMinor(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw InvalidRequestException.of("amount", "must be positive, was " + amount.toPlainString());
        }
        try {
            return amount.movePointRight(2).toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw InvalidRequestException.of(
                    "amount", amount.toPlainString() + " has more than two decimals; Sberbank takes whole kopecks");
        }
    }

    static String numeric(String currency) {
        String code = NUMERIC.get(currency);
        if (code == null) {
            throw InvalidRequestException.of("currency", "Sberbank takes RUB, USD or EUR, not " + currency);
        }
        return code;
    }

    static Optional<String> alpha(String numeric) {
        if (numeric == null || numeric.isEmpty()) {
            return Optional.of("RUB"); // the gateway's default currency
        }
        return NUMERIC.entrySet().stream()
                .filter(e -> e.getValue().equals(numeric))
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
