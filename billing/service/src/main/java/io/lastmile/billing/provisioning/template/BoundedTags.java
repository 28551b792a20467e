package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.SetNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.Macro;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.lang.reflect.Array;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Pebble's {@code for}, {@code macro} and {@code set} tags, parsed by Pebble and then bounded by
 * the render's {@link RenderBudget}: every iteration of a loop is counted and checks the deadline;
 * every macro call checks the deadline, its depth and the size of its arguments; every value set
 * is checked for size. Other tags pass through unchanged.
 */
final class BoundedTags {

    private BoundedTags() {}

    static TokenParser bound(TokenParser parser, Supplier<RenderBudget> budget) {
        return switch (parser.getTag()) {
            case "for" -> new Bounding(parser, (node, line) -> boundFor(node, budget));
            case "macro" -> new Bounding(parser, (node, line) -> boundMacro(node, line, budget));
            case "set" -> new Bounding(parser, (node, line) -> boundSet(node, budget));
            default -> parser;
        };
    }

    @FunctionalInterface
    private interface Bound {
        RenderableNode apply(RenderableNode node, int line);
    }

    /** Parses as Pebble does, then replaces the node with its bounded form. */
    private record Bounding(TokenParser delegate, Bound bound) implements TokenParser {
        @Override
        public String getTag() {
            return delegate.getTag();
        }

        @Override
        public RenderableNode parse(Token token, Parser parser) {
            return bound.apply(delegate.parse(token, parser), token.getLineNumber());
        }
    }

    private static RenderableNode boundFor(RenderableNode node, Supplier<RenderBudget> budget) {
        if (!(node instanceof ForNode f)) {
            throw new IllegalStateException("the for tag parsed to an unexpected node");
        }
        int line = f.getLineNumber();
        Expression<?> items = f.getIterable();
        return new ForNode(
                line,
                f.getIterationVariable(),
                new Wrapped(items, (self, context) -> counted(items.evaluate(self, context), budget.get(), line)),
                f.getBody(),
                f.getElseBody());
    }

    private static RenderableNode boundSet(RenderableNode node, Supplier<RenderBudget> budget) {
        if (!(node instanceof SetNode s)) {
            throw new IllegalStateException("the set tag parsed to an unexpected node");
        }
        int line = s.getLineNumber();
        Expression<?> value = s.getValue();
        return new SetNode(line, s.getName(), new Wrapped(value, (self, context) -> budget.get()
                .checkValue(value.evaluate(self, context), line)));
    }

    private static RenderableNode boundMacro(RenderableNode node, int line, Supplier<RenderBudget> budget) {
        if (!(node instanceof MacroNode m)) {
            throw new IllegalStateException("the macro tag parsed to an unexpected node");
        }
        return new BoundedMacroNode(m, line, budget);
    }

    /**
     * What a for loop iterates, as Pebble would (a map's entries, an array's items), each step
     * counted. A collection, so that {@code loop.length} reads its size rather than iterating it.
     */
    static Object counted(Object items, RenderBudget budget, int line) {
        return switch (items) {
            case null -> null;
            case Map<?, ?> m -> new Counted(m.entrySet(), budget, line);
            case Iterable<?> it -> new Counted(it, budget, line);
            case Object array when array.getClass().isArray() -> new Counted(arrayList(array), budget, line);
            default -> items; // the for tag reports that it cannot iterate it
        };
    }

    private static List<Object> arrayList(Object array) {
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return Array.get(array, index);
            }

            @Override
            public int size() {
                return Array.getLength(array);
            }
        };
    }

    private static final class Counted extends AbstractCollection<Object> {
        private final Iterable<?> items;
        private final RenderBudget budget;
        private final int line;

        Counted(Iterable<?> items, RenderBudget budget, int line) {
            this.items = items;
            this.budget = budget;
            this.line = line;
        }

        @Override
        public Iterator<Object> iterator() {
            Iterator<?> it = items.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    budget.iteration(line);
                    return it.next();
                }
            };
        }

        @Override
        public int size() {
            if (items instanceof Collection<?> c) {
                return c.size();
            }
            int size = 0;
            for (Object ignored : items) {
                budget.iteration(line);
                size++;
            }
            return size;
        }
    }

    @FunctionalInterface
    private interface Evaluation {
        Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context);
    }

    /** An expression that evaluates through {@code evaluation}, otherwise the one it wraps. */
    private record Wrapped(Expression<?> delegate, Evaluation evaluation) implements Expression<Object> {
        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return evaluation.evaluate(self, context);
        }

        @Override
        public int getLineNumber() {
            return delegate.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            delegate.accept(visitor);
        }
    }

    /** A macro whose every call checks the deadline, the depth of calls and its arguments' size. */
    private static final class BoundedMacroNode extends MacroNode {
        private final int line;
        private final Supplier<RenderBudget> budget;

        BoundedMacroNode(MacroNode macro, int line, Supplier<RenderBudget> budget) {
            super(macro.getName(), macro.getArgs(), macro.getBody());
            this.line = line;
            this.budget = budget;
            setLineNumber(line);
        }

        @Override
        public Macro getMacro() {
            Macro macro = super.getMacro();
            return new Macro() {
                @Override
                public String getName() {
                    return macro.getName();
                }

                @Override
                public List<String> getArgumentNames() {
                    return macro.getArgumentNames();
                }

                @Override
                public String call(PebbleTemplateImpl self, EvaluationContextImpl context, Map<String, Object> args) {
                    RenderBudget b = budget.get();
                    args.values().forEach(value -> b.checkValue(value, line));
                    b.enterMacro(macro.getName(), line);
                    try {
                        return macro.call(self, context, args);
                    } finally {
                        b.exitMacro();
                    }
                }
            };
        }
    }
}
