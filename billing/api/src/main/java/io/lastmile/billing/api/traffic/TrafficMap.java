package io.lastmile.billing.api.traffic;

import java.util.List;

/**
 * What the collector needs to attribute flows: each subscriber's prefixes and each class's. A
 * flow's account is the longest-prefix match of its source or destination among the subscribers'
 * prefixes; its class, the longest match of the other (remote) address among the classes'
 * prefixes, else {@code defaultClass}.
 *
 * @param version grows with every change of an address or a class; served as the ETag
 */
public record TrafficMap(long version, List<Subscriber> subscribers, List<ClassPrefixes> classes, String defaultClass) {

    /** The prefixes of one account. */
    public record Subscriber(long accountId, List<String> prefixes) {}

    /** The prefixes of one traffic class. */
    public record ClassPrefixes(String code, List<String> prefixes) {}
}
