package io.lastmile.auth.login;

import java.util.List;

/**
 * What a login step ended with: signed in (a principal and its authorities), a TOTP code or a
 * TOTP enrolment wanted, or refused with the message key the page shows.
 */
public sealed interface Outcome {

    /** @param withTotp whether a TOTP code was given after the password */
    record SignedIn(String principal, List<String> authorities, boolean withTotp) implements Outcome {}

    record CodeWanted(String login) implements Outcome {}

    /** An admin without TOTP where it is required: the password was right; enrol before signing in. */
    record EnrolmentWanted(String login) implements Outcome {}

    record Refused(String messageKey) implements Outcome {}

    /** The one answer for an unknown login and a wrong password. */
    Refused BAD_CREDENTIALS = new Refused("login.error.credentials");

    Refused LOCKED = new Refused("login.error.locked");
    Refused DISABLED = new Refused("login.error.disabled");
    Refused BAD_CODE = new Refused("login.error.code");
}
