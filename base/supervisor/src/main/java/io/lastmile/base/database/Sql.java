package io.lastmile.base.database;

/** Quoting for the few statements (roles, databases) that cannot take bind parameters. */
final class Sql {

    private Sql() {}

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String identifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("'" + name + "' is not a plain lower-case SQL name");
        }
        return "\"" + name + "\"";
    }
}
