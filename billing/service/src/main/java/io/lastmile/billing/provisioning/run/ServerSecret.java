package io.lastmile.billing.provisioning.run;

/** A server's credential, opened for one attempt; never printed. */
public record ServerSecret(String kind, String username, String value) {

    @Override
    public String toString() {
        return "ServerSecret[" + kind + ", username=" + username + ", value=(hidden)]";
    }
}
