package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.List;
import java.util.Map;

/**
 * The only way {@code a.b} and {@code a[0]} resolve: a Map's key or a List's index. Pebble's own
 * resolver looks up getters, public methods and fields by reflection ({@code x.getClass()}); this
 * one never touches a Java method, and refuses any call outright. The for tag's {@code loop} is
 * the one object it reads, through its five known values.
 */
final class PlainAttributeResolver implements AttributeResolver {

    @Override
    public ResolvedAttribute resolve(
            Object instance,
            Object attribute,
            Object[] arguments,
            ArgumentsNode argumentsNode,
            EvaluationContextImpl context,
            String filename,
            int lineNumber) {
        String name = String.valueOf(attribute);
        if (argumentsNode != null || arguments != null) {
            throw new PebbleException(
                    null,
                    "'" + name + "(...)' calls a method, and templates cannot call methods",
                    lineNumber,
                    filename);
        }
        if (instance instanceof Map<?, ?> map && map.containsKey(name)) {
            return new ResolvedAttribute(map.get(name));
        }
        if (instance instanceof List<?> list && isIndex(name) && Integer.parseInt(name) < list.size()) {
            return new ResolvedAttribute(list.get(Integer.parseInt(name)));
        }
        if (instance instanceof ForNode.LoopVariables loop) {
            return loop(loop, name);
        }
        return null;
    }

    /** The for tag's {@code loop}: its five values, read by name and handed on as plain numbers. */
    private static ResolvedAttribute loop(ForNode.LoopVariables loop, String name) {
        return switch (name) {
            case "index" -> new ResolvedAttribute((long) loop.getIndex());
            case "first" -> new ResolvedAttribute(loop.isFirst());
            case "last" -> new ResolvedAttribute(loop.isLast());
            case "length" -> new ResolvedAttribute(loop.getLength().longValue());
            case "revindex" -> new ResolvedAttribute(loop.getRevindex().longValue());
            default -> null;
        };
    }

    private static boolean isIndex(String name) {
        return name.length() < 10 && !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
