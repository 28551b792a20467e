package io.lastmile.platform.security;

/** Role names carried in the `roles` claim of Lastmile access tokens. */
public final class Roles {

    /** The claim that lists the roles of a token's subject. */
    public static final String CLAIM = "roles";

    /** Operators with every right, and the CLI's client. */
    public static final String ADMIN = "admin";

    /** Another Lastmile module calling with its own client-credentials token. */
    public static final String SERVICE = "service";

    /** A subscriber logged in to the cabinet; the token also names their account. */
    public static final String SUBSCRIBER = "subscriber";

    /** The operator roles auth seeds; an admin may define more, each a list of permissions. */
    public static final String CASHIER = "cashier";

    public static final String SUPPORT = "support";
    public static final String NOC = "noc";
    public static final String READ_ONLY = "readonly";

    private Roles() {}
}
