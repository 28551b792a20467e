package io.lastmile.auth.operator;

import io.lastmile.auth.audit.Audit;
import io.lastmile.auth.secret.SecretBox;
import io.lastmile.auth.totp.Totp;
import io.lastmile.auth.totp.TotpProperties;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import java.time.Clock;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operators' second factor: enrolment (the otpauth:// URI shown once), confirmation with a first
 * code, removal, and the check of a code at login (each step's code is accepted once).
 */
@Service
public class OperatorTotp {

    private final OperatorRepository repository;
    private final Operators operators;
    private final SecretBox box;
    private final TotpProperties properties;
    private final Audit audit;
    private final Clock clock;

    OperatorTotp(
            OperatorRepository repository,
            Operators operators,
            SecretBox box,
            TotpProperties properties,
            Audit audit,
            Clock clock) {
        this.repository = repository;
        this.operators = operators;
        this.box = box;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new secret (replacing any other), not required at login until confirmed. */
    @Transactional
    public Enrolment enrol(String login) {
        operators.stored(login);
        byte[] secret = Totp.newSecret();
        repository.setTotp(login, box.seal(secret, context(login)), false);
        audit.record(login, "operator.totp-enrolled", "");
        return new Enrolment(Totp.uri(properties.issuer(), login, secret));
    }

    @Transactional
    public void confirm(String login, String code) {
        OperatorRepository.StoredOperator operator = operators.stored(login);
        if (operator.totpSecret() == null) {
            throw new ConflictException("operator '" + login + "' has no TOTP enrolment to confirm: enrol first");
        }
        if (!accept(login, operator.totpSecret(), code)) {
            throw InvalidRequestException.of(
                    "code", "the code does not match: check the app's clock and try the next code");
        }
        repository.confirmTotp(login);
        audit.record(login, "operator.totp-confirmed", "");
    }

    @Transactional
    public void remove(String login) {
        operators.stored(login);
        repository.setTotp(login, null, false);
        audit.record(login, "operator.totp-removed", "");
    }

    /** Whether {@code code} is the operator's current code, not used before. */
    @Transactional
    public boolean check(String login, byte[] sealedSecret, String code) {
        return accept(login, sealedSecret, code);
    }

    private boolean accept(String login, byte[] sealedSecret, String code) {
        byte[] secret = box.open(sealedSecret, context(login));
        OptionalLong step = Totp.verify(secret, code, clock.instant());
        return step.isPresent() && repository.useTotpStep(login, step.getAsLong());
    }

    private static String context(String login) {
        return "totp:" + login;
    }

    /** The otpauth:// URI, given once. */
    public record Enrolment(String uri) {}
}
