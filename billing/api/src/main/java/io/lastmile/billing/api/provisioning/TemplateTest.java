package io.lastmile.billing.api.provisioning;

/** Renders a template for a service (or an account) as a command would, without running anything. */
public record TemplateTest(Long userServiceId, Long accountId, String event, Long serverId) {}
