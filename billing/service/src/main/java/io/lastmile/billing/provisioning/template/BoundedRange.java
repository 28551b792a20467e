package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code range(start, end[, step])} and {@code start..end}: Pebble's numbers from start to end
 * inclusive (or single letters, 'a'..'z', as text), but computed as they are read instead of built
 * in memory, and refused outright when they count more numbers than a render may loop over.
 */
final class BoundedRange implements Function {

    private final Supplier<RenderBudget> budget;

    BoundedRange(Supplier<RenderBudget> budget) {
        this.budget = budget;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of("start", "end", "increment");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
        budget.get().checkTime(line);
        Object start = args.get("start");
        Object end = args.get("end");
        Object step = args.get("increment") == null ? 1L : args.get("increment");
        if (!(step instanceof Number n) || n.longValue() == 0) {
            throw fail(self, line, "range's step must be a number other than 0");
        }
        long increment = n.longValue();
        if (start instanceof Number from && end instanceof Number to) {
            return numbers(from.longValue(), to.longValue(), increment, self, line);
        }
        if (start instanceof String from && end instanceof String to && from.length() == 1 && to.length() == 1) {
            List<Long> codes = numbers(from.charAt(0), to.charAt(0), increment, self, line);
            return new AbstractList<String>() {
                @Override
                public String get(int index) {
                    return String.valueOf((char) codes.get(index).longValue());
                }

                @Override
                public int size() {
                    return codes.size();
                }
            };
        }
        throw fail(self, line, "range counts from a number to a number, or from a letter to a letter: range(1, 10)");
    }

    private List<Long> numbers(long start, long end, long step, PebbleTemplate self, int line) {
        BigInteger span = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
        BigInteger count = span.signum() != 0 && span.signum() != Long.signum(step)
                ? BigInteger.ZERO
                : span.divide(BigInteger.valueOf(step)).add(BigInteger.ONE);
        int max = budget.get().limits().maxIterations();
        if (count.compareTo(BigInteger.valueOf(max)) > 0) {
            throw budget.get()
                    .stop(
                            line,
                            "range(" + start + ", " + end + ") counts " + count + " numbers, more than the " + max
                                    + " iterations a render may loop (a runaway loop?)");
        }
        int size = count.intValueExact();
        return new AbstractList<>() {
            @Override
            public Long get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return start + index * step;
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static PebbleException fail(PebbleTemplate self, int line, String problem) {
        return new PebbleException(null, problem, line, self.getName());
    }
}
