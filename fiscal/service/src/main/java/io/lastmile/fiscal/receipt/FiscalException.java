package io.lastmile.fiscal.receipt;

/**
 * A provider refused a request or did not answer.
 *
 * @see #temporary() whether trying again later may succeed (timeouts, 5xx, the provider's own
 *     temporary codes) or never will (validation, credentials) and the receipt fails
 */
public class FiscalException extends RuntimeException {

    private final String code;
    private final boolean temporary;

    public FiscalException(String code, String message, boolean temporary) {
        super(message);
        this.code = code;
        this.temporary = temporary;
    }

    public FiscalException(String code, String message, boolean temporary, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.temporary = temporary;
    }

    public String code() {
        return code;
    }

    public boolean temporary() {
        return temporary;
    }
}
