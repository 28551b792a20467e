package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Filters bounded by the render's {@link RenderBudget}: each checks the deadline before it runs and
 * the size of what it answers. The two whose output can be the product of their inputs' sizes are
 * checked before they run: {@code join} (many items times a long separator) and {@code replace}
 * (ours: it counts the matches first). {@code split} is ours too: its delimiter is a regular
 * expression, which can backtrack for ages, so the text it reads checks the deadline; and it
 * answers a list, not a Java array.
 */
final class BoundedFilters {

    private BoundedFilters() {}

    /** Filter {@code name} bounded; ours in place of Pebble's split and replace. */
    static Filter bound(String name, Filter filter, Supplier<RenderBudget> budget) {
        return switch (name) {
            case "split" -> new Checked(new Split(budget), budget);
            case "replace" -> new Checked(new Replace(budget), budget);
            case "join" -> new Checked(new JoinCheck(filter, budget), budget);
            default -> new Checked(filter, budget);
        };
    }

    private record Checked(Filter delegate, Supplier<RenderBudget> budget) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return delegate.getArgumentNames();
        }

        @Override
        public Object apply(
                Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            RenderBudget b = budget.get();
            b.checkTime(line);
            return b.checkValue(delegate.apply(input, args, self, context, line), line);
        }
    }

    /** Pebble's join, refused first when its items and separators together are too long. */
    private record JoinCheck(Filter delegate, Supplier<RenderBudget> budget) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return delegate.getArgumentNames();
        }

        @Override
        public Object apply(
                Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            long items = input instanceof Collection<?> c ? c.size() : 1;
            long separator = Sizes.of(args.get("separator"));
            if (Sizes.of(input) + items * separator > Sizes.MAX_CHARS) {
                throw budget.get()
                        .stop(
                                line,
                                "join would build a text larger than " + Sizes.MAX_CHARS
                                        + " characters (a runaway loop?)");
            }
            return delegate.apply(input, args, self, context, line);
        }
    }

    /** {@code text | split(regex[, limit])}: Pebble's, on a text that checks the deadline as it is read. */
    private record Split(Supplier<RenderBudget> budget) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("delimiter", "limit");
        }

        @Override
        public Object apply(
                Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            if (input == null) {
                return null;
            }
            if (!(args.get("delimiter") instanceof String delimiter)) {
                throw new PebbleException(null, "split needs a delimiter, e.g. split(',')", line, self.getName());
            }
            int limit = args.get("limit") instanceof Number n ? n.intValue() : 0;
            Pattern pattern;
            try {
                pattern = Pattern.compile(delimiter);
            } catch (PatternSyntaxException e) {
                throw new PebbleException(
                        null,
                        "split's delimiter is a regular expression, and '" + delimiter
                                + "' is not one (write '\\.' for a literal '.')",
                        line,
                        self.getName());
            }
            String[] parts = pattern.split(new TimedText(input.toString(), budget.get(), line), limit);
            return Collections.unmodifiableList(Arrays.asList(parts));
        }
    }

    /** {@code text | replace({'a': 'b', ...})}: Pebble's, refused before a replacement grows too large. */
    private record Replace(Supplier<RenderBudget> budget) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return List.of("replace_pairs");
        }

        @Override
        public Object apply(
                Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            if (input == null) {
                return null;
            }
            if (!(args.get("replace_pairs") instanceof Map<?, ?> pairs)) {
                throw new PebbleException(
                        null, "replace needs a map of what to replace, e.g. replace({'-': '_'})", line, self.getName());
            }
            String text = input.toString();
            for (Map.Entry<?, ?> pair : pairs.entrySet()) {
                String target = String.valueOf(pair.getKey());
                Object replacement = budget.get().checkValue(pair.getValue(), line);
                String with = String.valueOf(replacement);
                long grown = text.length() + (long) matches(text, target) * (with.length() - target.length());
                if (grown > Sizes.MAX_CHARS) {
                    throw budget.get()
                            .stop(
                                    line,
                                    "replace would build a text larger than " + Sizes.MAX_CHARS
                                            + " characters (a runaway loop?)");
                }
                text = text.replace(target, with);
            }
            return text;
        }

        /** How many times String.replace replaces {@code target} in {@code text}. */
        private static int matches(String text, String target) {
            if (target.isEmpty()) {
                return text.length() + 1;
            }
            int count = 0;
            for (int i = text.indexOf(target); i >= 0; i = text.indexOf(target, i + target.length())) {
                count++;
            }
            return count;
        }
    }

    /** A text that checks the render's deadline every few thousand characters read. */
    private static final class TimedText implements CharSequence {
        private final String text;
        private final RenderBudget budget;
        private final int line;
        private int reads;

        TimedText(String text, RenderBudget budget, int line) {
            this.text = text;
            this.budget = budget;
            this.line = line;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0) {
                budget.checkTime(line);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
