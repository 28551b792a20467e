package io.lastmile.billing.api.provisioning;

import java.util.List;

/** A task with every attempt it made. */
public record TaskDetail(TaskView task, List<AttemptView> attempts) {}
