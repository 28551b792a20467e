package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.OutputSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of one attempt on its way to {@code spool_output}. A line is written at once when the
 * last write is {@link #EVERY} old, otherwise it waits (at most that long: the spool's flusher
 * writes what waited) so that a burst of lines costs one commit; what is left at the end is
 * written in the transaction that records the attempt's end. Operators watching a task see its
 * lines within a quarter of a second; a fast command's lines cost no commit of their own.
 */
final class AttemptOutput implements OutputSink {

    static final Duration EVERY = Duration.ofMillis(250);

    /** One line, numbered within its attempt. */
    record Line(int lineNo, OutputSink.Stream stream, String text, Instant at) {}

    interface Writer {
        void write(long attemptId, List<Line> lines);
    }

    private final long attemptId;
    private final Clock clock;
    private final Writer writer;
    private final List<Line> pending = new ArrayList<>();
    private int lineNo;
    private long lastWrite;

    AttemptOutput(long attemptId, Clock clock, Writer writer) {
        this.attemptId = attemptId;
        this.clock = clock;
        this.writer = writer;
        this.lastWrite = System.nanoTime();
    }

    @Override
    public synchronized void line(Stream stream, String text) {
        pending.add(new Line(++lineNo, stream, StorableText.of(text), clock.instant()));
        if (System.nanoTime() - lastWrite >= EVERY.toNanos()) {
            flush();
        }
    }

    /** Writes what has waited for {@link #EVERY} or longer (called by the spool's flusher). */
    synchronized void flushIfDue() {
        if (!pending.isEmpty() && System.nanoTime() - lastWrite >= EVERY.toNanos()) {
            flush();
        }
    }

    /** The lines not written yet, handed over to the transaction that ends the attempt. */
    synchronized List<Line> drain() {
        List<Line> rest = List.copyOf(pending);
        pending.clear();
        return rest;
    }

    private void flush() {
        if (!pending.isEmpty()) {
            writer.write(attemptId, List.copyOf(pending));
            pending.clear();
        }
        lastWrite = System.nanoTime();
    }
}
