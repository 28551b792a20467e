package io.lastmile.billing.account;

import io.lastmile.platform.web.ConflictException;

/** Another account already has this contract number. */
class ContractTakenException extends ConflictException {

    ContractTakenException(String contract) {
        super("contract '" + contract + "' belongs to another account");
    }
}
