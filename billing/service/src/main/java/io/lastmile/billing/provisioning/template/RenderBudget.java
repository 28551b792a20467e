package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.error.PebbleException;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;

/**
 * The limits of one render in progress: its deadline, the loop iterations and macro depth it has
 * left. Bounded tags, filters and functions check it as they go, and the first limit reached stops
 * the render; {@link Templates} then reports {@link #stopped()} whatever Pebble made of the
 * exception on its way out. Used by the rendering thread only.
 */
final class RenderBudget {

    /** Why and where a render was stopped. */
    record Stop(Integer line, String problem) {}

    private final String template;
    private final TemplateLimits limits;
    private final long started;
    private final long timeoutNanos;
    private int iterations;
    private int depth;
    private Stop stop;

    RenderBudget(String template, TemplateLimits limits) {
        this.template = template;
        this.limits = limits;
        this.timeoutNanos = limits.renderTimeout().toNanos();
        this.started = System.nanoTime();
    }

    TemplateLimits limits() {
        return limits;
    }

    /** Stops the render once it has run past its time; {@code line} is 0 when unknown. */
    void checkTime(int line) {
        if (System.nanoTime() - started > timeoutNanos) {
            throw stop(
                    line, "it ran longer than " + human(limits.renderTimeout()) + " and was stopped (a runaway loop?)");
        }
    }

    /** Counts one loop iteration, and stops the render past its iterations or its time. */
    void iteration(int line) {
        if (++iterations > limits.maxIterations()) {
            throw stop(
                    line,
                    "its loops ran more than " + limits.maxIterations()
                            + " times in all and it was stopped (a runaway loop?)");
        }
        checkTime(line);
    }

    /** Enters macro {@code name}; pair with {@link #exitMacro()} once it has been entered. */
    void enterMacro(String name, int line) {
        checkTime(line);
        if (depth >= limits.maxMacroDepth()) {
            throw stop(
                    line,
                    "macro '" + name + "' was called more than " + limits.maxMacroDepth()
                            + " deep and it was stopped (a macro that calls itself without end?)");
        }
        depth++;
    }

    void exitMacro() {
        depth--;
    }

    /** Answers {@code value}, or stops the render if it is too large for a template to handle. */
    <T> T checkValue(T value, int line) {
        String problem = Sizes.problem(value);
        if (problem != null) {
            throw stop(line, problem);
        }
        return value;
    }

    /** Stops the render: the failure is kept, so that it is reported even if Pebble wraps it. */
    PebbleException stop(int line, String problem) {
        if (stop == null) {
            stop = new Stop(line > 0 ? line : null, problem);
        }
        return new Stopped(stop, template);
    }

    /** Why the render was stopped, or null while it runs within its limits. */
    Stop stopped() {
        return stop;
    }

    /** {@code out}, checking the deadline at every write. */
    Writer writer(Writer out) {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                checkTime(0);
                out.write(chars, offset, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                checkTime(0);
                out.write(text, offset, length);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** 2 s, 1.5 s, 250 ms. */
    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return Math.max(d.toMillis(), 1) + " ms";
        }
        String seconds = java.math.BigDecimal.valueOf(d.toMillis(), 3)
                .stripTrailingZeros()
                .toPlainString();
        return seconds + " s";
    }

    /** The exception that stops a render; its message is the problem, meant for the operator. */
    static final class Stopped extends PebbleException {
        Stopped(Stop stop, String template) {
            super(null, stop.problem(), stop.line(), template);
        }
    }
}
