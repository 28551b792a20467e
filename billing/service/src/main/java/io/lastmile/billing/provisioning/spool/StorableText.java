package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.provisioning.AttemptOutcome;

/**
 * Output lines and messages as PostgreSQL can store them. A text column holds no NUL character:
 * one NUL byte printed by a script (binary output, {@code find -print0}) or sent in a response
 * failed the statement that records the attempt's end, so the task stayed RUNNING until it was
 * given up and its script ran again. A NUL is kept visible as ␀ (U+2400, the symbol for null).
 */
final class StorableText {

    static final char NUL_MARK = '\u2400';

    private StorableText() {}

    static String of(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', NUL_MARK);
    }

    static AttemptOutcome outcome(AttemptOutcome outcome) {
        String message = outcome.message();
        String storable = of(message);
        return storable == message
                ? outcome
                : new AttemptOutcome(outcome.kind(), outcome.exitStatus(), storable, outcome.events());
    }
}
