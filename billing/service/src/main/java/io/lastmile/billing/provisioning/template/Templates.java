package io.lastmile.billing.provisioning.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.error.AttributeNotFoundException;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.core.RsortFilter;
import io.pebbletemplates.pebble.extension.core.SortFilter;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Renders the scripts, HTTP requests and mails of provisioning commands for one user service, in a
 * sandbox: templates read plain data ({@link TemplateContext}) and call a few functions, and can
 * reach no Java method, file, other template, environment or database. SHM let its templates read
 * the database password; ours cannot.
 *
 * <p>Syntax is Pebble's ({@code {{ us.settings.login | upper }}}, if, for, set, macro, filters), with
 * strict variables, no HTML escaping (these are scripts) and no trimming of the newline after a tag
 * (Pebble's default also eats the one after {@code }}}, joining a script's lines); use {@code {%- -%}}
 * to trim. Per-service functions: {@code gen_store_pass()}, {@code storage_read(name)},
 * {@code storage_read(name, default)}, {@code storage_write(name, value)}; {@code raise_event(name[,
 * data])}, which only records the request ({@link TemplateContext#requestedEvents()}); and a bounded
 * {@code range(start, end[, step])}.
 *
 * <p>Every render is bounded ({@link TemplateLimits}): a deadline (2 s by default), checked at each
 * loop iteration, macro call, filter and write; a budget of loop iterations; the depth of macro
 * calls; the size of output (1 MiB) and of every value a template builds. A render past a limit
 * fails with a {@link TemplateException} that says which.
 */
public final class Templates {

    /** Output larger than this is a runaway loop, not a provisioning command. */
    static final int MAX_OUTPUT_CHARS = 1 << 20;

    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");

    private static final Pattern REMOVED_TAG =
            Pattern.compile("Unexpected tag name \"(" + String.join("|", SandboxCustomizer.REMOVED_TAGS) + ")\"");

    /** The render in progress on this thread: rendering is synchronous and the engine shared. */
    private record Render(
            SingleTemplateLoader.Source source,
            TemplateContext context,
            RenderBudget budget,
            List<RequestedEvent> requested) {}

    private static final ThreadLocal<Render> CURRENT = new ThreadLocal<>();

    /** Compiled templates kept for reuse; more distinct templates than this is not a catalog. */
    static final int COMPILED_KEPT = 256;

    private final PebbleEngine engine;
    private final TemplateLimits limits;
    /**
     * Compiled templates by name and source (an edited template is a new entry): Pebble's own cache
     * is off, since its loader serves whatever source the render in progress has, and compiling
     * (its lexer builds its regular expressions each time) cost more than rendering. A compiled
     * template holds no render's state: that stays in {@link #CURRENT}.
     */
    private final Map<SingleTemplateLoader.Source, PebbleTemplate> compiled =
            new LinkedHashMap<>(COMPILED_KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SingleTemplateLoader.Source, PebbleTemplate> eldest) {
                    return size() > COMPILED_KEPT;
                }
            };

    /** An engine with the {@linkplain TemplateLimits#DEFAULTS default limits}: 2 s per render. */
    public Templates() {
        this(TemplateLimits.DEFAULTS);
    }

    /** An engine whose every render is bounded by {@code limits}. */
    public Templates(TemplateLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.engine = new PebbleEngine.Builder()
                .loader(new SingleTemplateLoader(
                        () -> current() == null ? null : current().source()))
                .strictVariables(true)
                .autoEscaping(false)
                .newLineTrimming(false)
                .cacheActive(false)
                .defaultLocale(Locale.ROOT)
                .maxRenderedSize(MAX_OUTPUT_CHARS)
                .methodAccessValidator((object, method) -> false)
                .registerExtensionCustomizer(
                        core -> new SandboxCustomizer(core, () -> current().budget()))
                .extension(new ServiceExtension())
                .build();
    }

    /**
     * Renders template {@code name} from {@code source} for the service of {@code context}. The
     * events the template asked to raise are then {@link TemplateContext#requestedEvents()}.
     *
     * @throws TemplateException if it does not parse or render, or reaches one of the engine's limits;
     *     the message says what and where
     */
    public String render(String name, String source, TemplateContext context) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(context, "context");
        Render render = new Render(
                new SingleTemplateLoader.Source(name, source),
                context,
                new RenderBudget(name, limits),
                new ArrayList<>());
        Render previous = CURRENT.get();
        CURRENT.set(render);
        context.requestedEvents(List.of());
        try {
            Map<String, Object> variables = new HashMap<>(context.variables());
            variables.put("template", name); // hides Pebble's template object
            variables.put("_context", context.variables()); // and its view of the scopes
            StringWriter out = new StringWriter();
            compiled(render.source()).evaluate(render.budget().writer(out), variables);
            throwIfStopped(name, render.budget());
            context.requestedEvents(render.requested());
            return out.toString();
        } catch (PebbleException e) {
            throwIfStopped(name, render.budget());
            throw translate(name, e);
        } catch (StackOverflowError e) {
            throw new TemplateException(name, null, "it nests too deeply (a macro that calls itself?)");
        } catch (IOException | RuntimeException e) {
            throwIfStopped(name, render.budget());
            throw new TemplateException(name, null, "a filter, test or operator was given a value it cannot use");
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The compiled template of {@code source}, compiled now (with it as the render's source) if new. */
    private PebbleTemplate compiled(SingleTemplateLoader.Source source) {
        synchronized (compiled) {
            PebbleTemplate template = compiled.get(source);
            if (template != null) {
                return template;
            }
        }
        PebbleTemplate template = engine.getTemplate(source.name());
        synchronized (compiled) {
            compiled.put(source, template);
        }
        return template;
    }

    private static Render current() {
        return CURRENT.get();
    }

    /** A render stopped by a limit fails with that, whatever Pebble made of the exception. */
    private static void throwIfStopped(String name, RenderBudget budget) {
        RenderBudget.Stop stop = budget.stopped();
        if (stop != null) {
            throw new TemplateException(name, stop.line(), stop.problem());
        }
    }

    static TemplateException translate(String name, PebbleException e) {
        String message = e.getPebbleMessage() == null ? "" : e.getPebbleMessage();
        String problem;
        if (e instanceof RootAttributeNotFoundException r && message.startsWith("Root attribute")) {
            problem = "variable '" + r.getAttributeName() + "' is not defined";
        } else if (e instanceof RootAttributeNotFoundException r) {
            problem = "cannot read '" + r.getAttributeName() + "' of a value that is empty (null)";
        } else if (e instanceof AttributeNotFoundException a) {
            problem = "'" + a.getAttributeName() + "' is not defined (only map keys and list indexes can be read)";
        } else if (e instanceof ParserException && REMOVED_TAG.matcher(message).find()) {
            problem = "the '"
                    + REMOVED_TAG
                            .matcher(message)
                            .results()
                            .findFirst()
                            .orElseThrow()
                            .group(1)
                    + "' tag is not available: templates cannot load other templates or files, or cache output";
        } else if (e instanceof ParserException) {
            problem = "syntax error: " + clean(message);
        } else if (message.startsWith("Tried to write more than")) {
            problem = "its output grew larger than " + MAX_OUTPUT_CHARS + " characters (a runaway loop?)";
        } else {
            problem = clean(message);
        }
        return new TemplateException(name, e.getLineNumber(), problem);
    }

    /** Pebble's messages may name Java classes; the operator needs none of them. */
    private static String clean(String message) {
        String cleaned = JAVA_NAME.matcher(message).replaceAll("a value").strip();
        return cleaned.isEmpty() ? "it could not be rendered" : cleaned;
    }

    /**
     * Adds the per-service functions, a bounded range, sort filters that leave the context alone,
     * and the only attribute resolver: map keys and list indexes.
     */
    private static final class ServiceExtension extends AbstractExtension {

        @Override
        public Map<String, Function> getFunctions() {
            Map<String, Function> functions =
                    new HashMap<>(ServiceFunctions.all(() -> current().context()));
            functions.put("range", new BoundedRange(() -> current().budget()));
            Supplier<List<RequestedEvent>> requested = () -> current().requested();
            functions.put("raise_event", new RaiseEventFunction(() -> current().context(), requested));
            return functions;
        }

        @Override
        public Map<String, Filter> getFilters() {
            Supplier<RenderBudget> budget = () -> current().budget();
            return Map.of(
                    "sort", BoundedFilters.bound("sort", new CopyingFilter(new SortFilter()), budget),
                    "rsort", BoundedFilters.bound("rsort", new CopyingFilter(new RsortFilter()), budget));
        }

        @Override
        public List<AttributeResolver> getAttributeResolver() {
            return List.of(new PlainAttributeResolver());
        }
    }
}
