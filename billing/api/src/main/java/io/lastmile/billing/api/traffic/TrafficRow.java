package io.lastmile.billing.api.traffic;

import java.time.Instant;

/**
 * Bytes and packets of one account in one minute, direction and class.
 *
 * @param minute the minute's start (seconds and fractions 0), UTC
 * @param direction {@code IN} to the subscriber (download) or {@code OUT} from it
 * @param trafficClass the class's code, as the map names it
 */
public record TrafficRow(
        Long accountId, Instant minute, String direction, String trafficClass, Long bytes, Long packets) {}
