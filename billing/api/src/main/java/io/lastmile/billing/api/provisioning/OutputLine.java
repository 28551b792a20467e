package io.lastmile.billing.api.provisioning;

import java.time.Instant;

/** One line of an attempt's output: STDOUT, STDERR, or TRANSPORT (what the transport itself reports). */
public record OutputLine(int attempt, int lineNo, String stream, String text, Instant at) {}
