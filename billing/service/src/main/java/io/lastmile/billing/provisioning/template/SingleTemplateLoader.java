package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.Reader;
import java.io.StringReader;
import java.util.function.Supplier;

/**
 * Loads the one template being rendered and nothing else: no file, no class-path resource, no other
 * template. The include/import/extends tags are already removed; this is the second wall.
 */
final class SingleTemplateLoader implements Loader<String> {

    /** The name and source of the render in progress on this thread, or null. */
    record Source(String name, String text) {}

    private final Supplier<Source> current;

    SingleTemplateLoader(Supplier<Source> current) {
        this.current = current;
    }

    @Override
    public Reader getReader(String name) {
        Source source = current.get();
        if (source == null || !source.name().equals(name)) {
            throw new LoaderException(null, "templates cannot load other templates or files ('" + name + "')");
        }
        return new StringReader(source.text());
    }

    @Override
    public boolean resourceExists(String name) {
        Source source = current.get();
        return source != null && source.name().equals(name);
    }

    @Override
    public String createCacheKey(String name) {
        return name;
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath;
    }

    @Override
    public void setCharset(String charset) {}

    @Override
    public void setPrefix(String prefix) {}

    @Override
    public void setSuffix(String suffix) {}
}
