package io.lastmile.billing.api.provisioning;

/** A template's text as it would be sent. */
public record RenderedText(String text) {}
