package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs one of Pebble's list filters on a copy. Pebble's sort and rsort sort their input in place;
 * the context's lists are unmodifiable (a template must not change what the next one sees), so
 * they get a copy to sort instead.
 */
final class CopyingFilter implements Filter {

    private final Filter delegate;

    CopyingFilter(Filter delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<String> getArgumentNames() {
        return delegate.getArgumentNames();
    }

    @Override
    public Object apply(
            Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
        Object copy = input instanceof Collection<?> c ? new ArrayList<>(c) : input;
        return delegate.apply(copy, args, self, context, line);
    }
}
