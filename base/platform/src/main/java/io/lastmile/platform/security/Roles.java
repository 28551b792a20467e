package io.lastmile.platform.security;

/** Role names carried in the `roles` claim of Lastmile access tokens. */
public final class Roles {

    /** The claim that lists the roles of a token's subject. */
    public static final String CLAIM = "roles";

    /** Operators with every right, and the CLI's client. */
    public static final String ADMIN = "admin";

    /** Another Lastmile module calling with its own client-credentials token. */
    public static final String SERVICE = "service";

    private Roles() {}
}
