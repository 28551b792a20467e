package io.lastmile.auth.login;

/** Who logs in through a client: operators (the default) or subscribers (the cabinet's client). */
public enum LoginKind {
    OPERATOR,
    SUBSCRIBER;

    /** The registered-client setting naming a client's kind: {@code operator} or {@code subscriber}. */
    public static final String CLIENT_SETTING = "lastmile.login";

    public static LoginKind of(Object setting) {
        return "subscriber".equals(setting) ? SUBSCRIBER : OPERATOR;
    }
}
