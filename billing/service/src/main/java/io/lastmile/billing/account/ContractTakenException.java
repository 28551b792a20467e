package io.lastmile.billing.account;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Another account already has this contract number. */
@ResponseStatus(HttpStatus.CONFLICT)
class ContractTakenException extends RuntimeException {

    ContractTakenException(String contract) {
        super("contract '" + contract + "' belongs to another account");
    }
}
