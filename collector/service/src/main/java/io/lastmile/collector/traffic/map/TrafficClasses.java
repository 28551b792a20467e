package io.lastmile.collector.traffic.map;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Traffic class codes ("local", "internet") as small ints, the same for the life of the process,
 * so that aggregates keep their meaning when the map (and its list of classes) is replaced.
 */
public final class TrafficClasses {

    /** More distinct codes than any operator defines; a map naming more is refused. */
    static final int MAX_CODES = 4096;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<String> codes = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException when the code is blank or there are too many codes */
    public synchronized int id(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a traffic class needs a code");
        }
        Integer known = ids.get(code);
        if (known != null) {
            return known;
        }
        if (codes.size() >= MAX_CODES) {
            throw new IllegalArgumentException("more than " + MAX_CODES + " traffic class codes");
        }
        codes.add(code);
        ids.put(code, codes.size() - 1);
        return codes.size() - 1;
    }

    public String code(int id) {
        return codes.get(id);
    }
}
