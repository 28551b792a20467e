package io.lastmile.billing.period;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/**
 * Turns a local wall-clock time in the operator's zone into an instant, by one rule used for every
 * period boundary: the boundary is the first instant at which the local clock reaches that time.
 * In a spring-forward gap (02:30 does not exist) that is the end of the gap (03:00); in an
 * autumn overlap (02:30 happens twice) it is the first 02:30. Boundaries therefore never move
 * backwards when local times move forwards.
 */
final class LocalTimes {

    private LocalTimes() {}

    static ZonedDateTime firstReached(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant().atZone(zone);
        }
        return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap();
    }
}
