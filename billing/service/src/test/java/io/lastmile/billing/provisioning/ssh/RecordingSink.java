package io.lastmile.billing.provisioning.ssh;

import io.lastmile.billing.provisioning.OutputSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line an attempt reported, for assertions. */
class RecordingSink implements OutputSink {

    record Line(Stream stream, String text) {}

    final List<Line> lines = new CopyOnWriteArrayList<>();

    @Override
    public void line(Stream stream, String text) {
        lines.add(new Line(stream, text));
    }

    List<String> of(Stream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(Line::text).toList();
    }
}
