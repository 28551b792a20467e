package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Trims Pebble's built-in extensions to what a sandboxed template may use. Removes the tags that
 * load other templates or files (include, import, from, extends, embed), the cache tag (its cache
 * outlives a render, so one service's output could show in another's) and parallel; the i18n
 * function (it reads class-path resource bundles); Pebble's range, which the {@code ..} operator
 * calls too (it builds the whole list in memory, so {@code range(0, 10**12)} would exhaust the heap;
 * {@link BoundedRange} replaces it); global variables; and Pebble's reflective attribute resolvers,
 * which {@link PlainAttributeResolver} replaces.
 *
 * <p>What remains is bounded by the render's {@link RenderBudget}: the for, macro and set tags
 * ({@link BoundedTags}) and every filter ({@link BoundedFilters}).
 */
final class SandboxCustomizer extends ExtensionCustomizer {

    static final Set<String> REMOVED_TAGS =
            Set.of("include", "import", "from", "extends", "embed", "cache", "parallel");
    static final Set<String> REMOVED_FUNCTIONS = Set.of("i18n", "range");

    private final Supplier<RenderBudget> budget;

    SandboxCustomizer(Extension delegate, Supplier<RenderBudget> budget) {
        super(delegate);
        this.budget = budget;
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        List<TokenParser> parsers = super.getTokenParsers();
        return parsers == null
                ? null
                : parsers.stream()
                        .filter(p -> !REMOVED_TAGS.contains(p.getTag()))
                        .map(p -> BoundedTags.bound(p, budget))
                        .toList();
    }

    @Override
    public Map<String, Function> getFunctions() {
        Map<String, Function> functions = super.getFunctions();
        return functions == null
                ? null
                : functions.entrySet().stream()
                        .filter(e -> !REMOVED_FUNCTIONS.contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Map<String, Filter> getFilters() {
        Map<String, Filter> filters = super.getFilters();
        return filters == null
                ? null
                : filters.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> BoundedFilters.bound(e.getKey(), e.getValue(), budget)));
    }

    @Override
    public Map<String, Object> getGlobalVariables() {
        return Map.of();
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        return List.of();
    }
}
