package io.lastmile.collector.decode;

import io.lastmile.collector.flow.InterfaceCounters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;

/**
 * A counter sample as one line of JSON ({@code --counters}): the frame, the exporter, and every
 * component of {@link InterfaceCounters} under {@code "counters"}, so that flow lines and counter
 * lines are told apart by that key.
 */
final class CountersJson {

    private static final RecordComponent[] COMPONENTS = InterfaceCounters.class.getRecordComponents();

    String line(long frame, String exporter, InterfaceCounters counters) {
        StringBuilder s = new StringBuilder(512);
        s.append("{\"frame\":").append(frame).append(",\"exporter\":\"").append(exporter);
        s.append("\",\"counters\":{");
        for (int i = 0; i < COMPONENTS.length; i++) {
            Object value = value(COMPONENTS[i], counters);
            s.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(COMPONENTS[i].getName())
                    .append("\":");
            if (value instanceof InetAddress a) {
                byte[] raw = a.getAddress();
                s.append('"')
                        .append(Addresses.format(raw.length == 4 ? 4 : 6, raw))
                        .append('"');
            } else {
                s.append(value); // the other components are numbers
            }
        }
        return s.append("}}").toString();
    }

    private static Object value(RecordComponent component, InterfaceCounters counters) {
        try {
            return component.getAccessor().invoke(counters);
        } catch (IllegalAccessException | InvocationTargetException impossible) {
            throw new IllegalStateException("a record's public accessor failed", impossible);
        }
    }
}
