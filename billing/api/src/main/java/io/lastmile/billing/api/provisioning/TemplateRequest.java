package io.lastmile.billing.api.provisioning;

/**
 * A template to create, or the whole of one to replace (PUT).
 *
 * @param name 1 to 100 characters, unique among templates
 * @param body the Pebble source of a script, an HTTP request or a mail; it must compile
 */
public record TemplateRequest(String name, String body) {}
