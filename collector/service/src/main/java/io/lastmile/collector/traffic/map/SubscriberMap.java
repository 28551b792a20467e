package io.lastmile.collector.traffic.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One version of billing's subscriber map, immutable and ready for lookups from any thread: whose
 * account an address is (longest-prefix match among the subscribers' prefixes) and which traffic
 * class a remote address is in (longest-prefix match among the classes', else the default).
 */
public final class SubscriberMap {

    /** Returned by {@link #accountOf} for an address of no subscriber. */
    public static final long NO_ACCOUNT = -1;

    private final long version;
    private final PrefixTable subscribers;
    private final long[] accounts;
    private final PrefixTable classes;
    private final int defaultClass;
    private final int prefixes;

    private SubscriberMap(
            long version,
            PrefixTable subscribers,
            long[] accounts,
            PrefixTable classes,
            int defaultClass,
            int prefixes) {
        this.version = version;
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.classes = classes;
        this.defaultClass = defaultClass;
        this.prefixes = prefixes;
    }

    /** No map yet: nobody is a subscriber. */
    public static SubscriberMap none(TrafficClasses ids) {
        return new SubscriberMap(-1, PrefixTable.empty(), new long[0], PrefixTable.empty(), ids.id("internet"), 0);
    }

    /**
     * @throws IllegalArgumentException when the document is not a usable map (a bad prefix, no
     *     default class, an account id below 0), saying what is wrong
     */
    public static SubscriberMap of(MapDocument doc, TrafficClasses ids) {
        if (doc.defaultClass() == null || doc.defaultClass().isBlank()) {
            throw new IllegalArgumentException("the map has no defaultClass");
        }
        PrefixTable.Builder subs = PrefixTable.builder();
        List<MapDocument.Subscriber> list = doc.subscribers() == null ? List.of() : doc.subscribers();
        long[] accounts = new long[list.size()];
        Set<Long> seen = new HashSet<>();
        int count = 0;
        for (int i = 0; i < list.size(); i++) {
            MapDocument.Subscriber s = list.get(i);
            if (s.accountId() < 0 || !seen.add(s.accountId())) {
                throw new IllegalArgumentException("bad or repeated accountId " + s.accountId());
            }
            accounts[i] = s.accountId();
            for (String p : nonNull(s.prefixes())) {
                subs.add(Prefix.parse(p), i);
                count++;
            }
        }
        PrefixTable.Builder cls = PrefixTable.builder();
        for (MapDocument.TrafficClass c : doc.classes() == null ? List.<MapDocument.TrafficClass>of() : doc.classes()) {
            int id = ids.id(c.code());
            for (String p : nonNull(c.prefixes())) {
                cls.add(Prefix.parse(p), id);
            }
        }
        return new SubscriberMap(doc.version(), subs.build(), accounts, cls.build(), ids.id(doc.defaultClass()), count);
    }

    private static List<String> nonNull(List<String> prefixes) {
        return prefixes == null ? new ArrayList<>() : prefixes;
    }

    /** The account whose prefix covers the address, or {@link #NO_ACCOUNT}. */
    public long accountOf(byte[] address, int ipVersion) {
        int i = subscribers.lookup(address, ipVersion);
        return i == PrefixTable.NONE ? NO_ACCOUNT : accounts[i];
    }

    /** The traffic class id (see {@link TrafficClasses}) of a remote address. */
    public int classOf(byte[] address, int ipVersion) {
        int c = classes.lookup(address, ipVersion);
        return c == PrefixTable.NONE ? defaultClass : c;
    }

    /** -1 before any map came. */
    public long version() {
        return version;
    }

    public int subscriberCount() {
        return accounts.length;
    }

    public int prefixCount() {
        return prefixes;
    }
}
