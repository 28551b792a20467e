package io.lastmile.billing.traffic;

import io.lastmile.billing.api.traffic.NewTrafficClass;
import io.lastmile.billing.api.traffic.TrafficClassView;
import io.lastmile.billing.audit.AuditTrail;
import io.lastmile.platform.web.ConflictException;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Traffic classes: each a code, a name and the remote prefixes that put a flow in it. The default
 * class (internet, seeded) takes what no prefix matches. Changes take the map's lock and bump its
 * version, as address changes do.
 */
@Service
class TrafficClasses {

    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int MAX_PREFIXES = 10_000;

    private final TrafficClassRepository classes;
    private final MapVersionRepository map;
    private final AuditTrail audit;
    private final Clock clock;

    TrafficClasses(TrafficClassRepository classes, MapVersionRepository map, AuditTrail audit, Clock clock) {
        this.classes = classes;
        this.map = map;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<TrafficClassView> all() {
        return classes.all();
    }

    @Transactional(readOnly = true)
    TrafficClassView get(String code) {
        return classes.find(code).orElseThrow(() -> notFound(code));
    }

    @Transactional
    TrafficClassView create(NewTrafficClass request, String actor) {
        var problems = new InvalidRequestException.Collector();
        if (request.code() == null || !CODE.matcher(request.code()).matches()) {
            problems.add("code", "is required: lower-case letters, digits, '-' and '_', up to 64, such as local");
        }
        name(problems, request.name(), true);
        List<IpPrefix> prefixes = prefixes(problems, request.prefixes());
        problems.throwIfAny();
        map.lock();
        if (classes.idOf(request.code()).isPresent()) {
            throw new ConflictException("traffic class '" + request.code() + "' exists already");
        }
        notTaken(prefixes, -1);
        long id = classes.insert(request.code(), request.name().trim(), clock.instant());
        classes.replacePrefixes(id, prefixes, clock.instant());
        map.bump();
        audit.record(actor, "traffic.class.create", "traffic class " + request.code(), prefixes.size() + " prefixes");
        return get(request.code());
    }

    /** Changes the name and (replacing the list) the prefixes, each when given. */
    @Transactional
    TrafficClassView change(String code, NewTrafficClass request, String actor) {
        var problems = new InvalidRequestException.Collector();
        if (request.code() != null && !request.code().equals(code)) {
            problems.add("code", "cannot change: create a new class instead");
        }
        name(problems, request.name(), false);
        List<IpPrefix> prefixes = request.prefixes() == null ? null : prefixes(problems, request.prefixes());
        problems.throwIfAny();
        map.lock();
        TrafficClassView before = get(code);
        long id = classes.idOf(code).orElseThrow();
        if (request.name() != null) {
            classes.rename(id, request.name().trim(), clock.instant());
        }
        if (prefixes != null) {
            if (before.isDefault() && !prefixes.isEmpty()) {
                throw InvalidRequestException.of(
                        "prefixes",
                        "the default class takes every address no other class"
                                + " matches and has no prefixes of its own");
            }
            notTaken(prefixes, id);
            classes.replacePrefixes(id, prefixes, clock.instant());
            map.bump();
        }
        audit.record(
                actor,
                "traffic.class.change",
                "traffic class " + code,
                prefixes == null ? "name" : prefixes.size() + " prefixes");
        return get(code);
    }

    @Transactional
    void delete(String code, String actor) {
        map.lock();
        TrafficClassView before = get(code);
        if (before.isDefault()) {
            throw new ConflictException("'" + code + "' is the default class: it cannot be deleted");
        }
        classes.delete(classes.idOf(code).orElseThrow());
        map.bump();
        audit.record(
                actor,
                "traffic.class.delete",
                "traffic class " + code,
                before.prefixes().size() + " prefixes");
    }

    private void notTaken(List<IpPrefix> prefixes, long classId) {
        if (prefixes.isEmpty()) {
            return;
        }
        classes.taken(prefixes, classId).ifPresent(t -> {
            throw new ConflictException(
                    t.prefix() + " belongs to traffic class '" + t.code() + "': a prefix names one class");
        });
    }

    private static void name(InvalidRequestException.Collector problems, String name, boolean required) {
        if (name == null ? required : name.isBlank() || name.length() > 200) {
            problems.add("name", "is required: 1 to 200 characters");
        }
    }

    private static List<IpPrefix> prefixes(InvalidRequestException.Collector problems, List<String> texts) {
        List<IpPrefix> prefixes = new ArrayList<>();
        if (texts == null) {
            return prefixes;
        }
        if (texts.size() > MAX_PREFIXES) {
            problems.add("prefixes", "at most " + MAX_PREFIXES + " prefixes a class");
            return prefixes;
        }
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                IpPrefix p = IpPrefix.parse(texts.get(i));
                String first = seen.putIfAbsent(p.key(), texts.get(i));
                if (first != null) {
                    problems.add("prefixes[" + i + "]", "'" + texts.get(i) + "' is given twice");
                }
                prefixes.add(p);
            } catch (IllegalArgumentException e) {
                problems.add("prefixes[" + i + "]", e.getMessage());
            }
        }
        return prefixes;
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException("no traffic class '" + code + "'");
    }

    static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
