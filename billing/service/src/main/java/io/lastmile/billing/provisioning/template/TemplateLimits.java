package io.lastmile.billing.provisioning.template;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far one render may go before it is stopped with a {@link TemplateException}: a provisioning
 * command renders in milliseconds, so a render that reaches a limit is a runaway loop or a macro
 * that calls itself, and must not take the billing's CPU, memory or stack with it.
 *
 * @param renderTimeout the time one render may take, parsing included; checked at every loop
 *     iteration, macro call, filter and write of output
 * @param maxIterations the loop iterations of one render, all loops together
 * @param maxMacroDepth how deep macros may call macros (a recursion's depth)
 */
@ConfigurationProperties("lastmile.billing.templates")
public record TemplateLimits(
        @DefaultValue("2s") Duration renderTimeout,
        @DefaultValue("1000000") int maxIterations,
        @DefaultValue("64") int maxMacroDepth) {

    /** 2 s, 1,000,000 iterations, macros 64 deep: far beyond any real provisioning template. */
    public static final TemplateLimits DEFAULTS = new TemplateLimits(Duration.ofSeconds(2), 1_000_000, 64);

    public TemplateLimits {
        Objects.requireNonNull(renderTimeout, "renderTimeout");
        if (renderTimeout.isNegative() || renderTimeout.isZero()) {
            throw new IllegalArgumentException("lastmile.billing.templates.render-timeout must be positive, e.g. 2s");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("lastmile.billing.templates.max-iterations must be at least 1");
        }
        if (maxMacroDepth < 1) {
            throw new IllegalArgumentException("lastmile.billing.templates.max-macro-depth must be at least 1");
        }
    }

    /** These limits with another render timeout. */
    public TemplateLimits withRenderTimeout(Duration timeout) {
        return new TemplateLimits(timeout, maxIterations, maxMacroDepth);
    }
}
