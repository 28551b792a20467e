package io.lastmile.billing.provisioning.template;

/**
 * A template could not be parsed or rendered. The message names the template, says what was wrong
 * and on which line, and is safe to show to the operator: it carries no Java class names and no
 * cause, so that nothing of the engine's insides reaches a pipeline log.
 */
public final class TemplateException extends RuntimeException {

    private final String template;
    private final Integer line;

    TemplateException(String template, Integer line, String problem) {
        super(compose(template, line, problem), null, false, false);
        this.template = template;
        this.line = line;
    }

    private static String compose(String template, Integer line, String problem) {
        String where = line == null || line <= 0 ? "" : ", line " + line;
        return "Template '" + template + "'" + where + ": " + problem;
    }

    /** The name of the template that failed. */
    public String template() {
        return template;
    }

    /** The line where it failed, or null when the engine could not tell. */
    public Integer line() {
        return line;
    }
}
