package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trims Pebble's built-in extensions to what a sandboxed template may use. Removes the tags that
 * load other templates or files (include, import, from, extends, embed), the cache tag (its cache
 * outlives a render, so one service's output could show in another's) and parallel; the i18n
 * function (it reads class-path resource bundles); range and the {@code ..} operator built on it
 * (it builds the whole list in memory, so {@code range(0, 10**12)} would exhaust the heap);
 * global variables; and Pebble's reflective
 * attribute resolvers, which {@link PlainAttributeResolver} replaces.
 */
final class SandboxCustomizer extends ExtensionCustomizer {

    static final Set<String> REMOVED_TAGS =
            Set.of("include", "import", "from", "extends", "embed", "cache", "parallel");
    static final Set<String> REMOVED_FUNCTIONS = Set.of("i18n", "range");

    SandboxCustomizer(Extension delegate) {
        super(delegate);
    }

    @Override
    public List<TokenParser> getTokenParsers() {
        List<TokenParser> parsers = super.getTokenParsers();
        return parsers == null
                ? null
                : parsers.stream()
                        .filter(p -> !REMOVED_TAGS.contains(p.getTag()))
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
    public Map<String, Object> getGlobalVariables() {
        return Map.of();
    }

    @Override
    public List<AttributeResolver> getAttributeResolver() {
        return List.of();
    }
}
