package io.lastmile.billing.provisioning.template;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for the name of a custom event, raised through the API ({@code POST
 * /api/v1/user-services/{id}/events}, {@code POST /api/v1/accounts/{id}/events}) or by a template's
 * {@code raise_event}: upper-case letters, digits and '_', and none of the names billing raises
 * itself. It is the rule of {@code provisioning.events.EventController}; a test keeps the two equal.
 */
public final class EventNames {

    /** 1 to 64 upper-case letters, digits or '_', starting with a letter: VPN_READY. */
    public static final Pattern CUSTOM = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /**
     * The events billing raises itself: a user service's status changes and the account's own
     * events. Raising one by hand would say that something happened that did not.
     */
    public static final Set<String> RESERVED = Set.of(
            "CREATE",
            "PROLONGATE",
            "BLOCK",
            "ACTIVATE",
            "REMOVE",
            "CHANGED",
            "CHANGED_TARIFF",
            "NOT_ENOUGH_MONEY",
            "REGISTERED",
            "PAYMENT");

    private EventNames() {}

    /** Why {@code name} cannot be a custom event, or empty if it can. */
    public static Optional<String> problem(String name) {
        if (name == null || !CUSTOM.matcher(name).matches()) {
            return Optional.of(
                    "an event name is 1 to 64 upper-case letters, digits or '_', starting with a letter, e.g. VPN_READY");
        }
        if (RESERVED.contains(name)) {
            return Optional.of("'" + name + "' is raised by billing itself when the status changes");
        }
        return Optional.empty();
    }
}
