package io.lastmile.fiscal.receipt;

import static io.lastmile.fiscal.receipt.ReceiptStatus.DONE;
import static io.lastmile.fiscal.receipt.ReceiptStatus.FAILED;
import static io.lastmile.fiscal.receipt.ReceiptStatus.QUEUED;
import static io.lastmile.fiscal.receipt.ReceiptStatus.SENT;

import java.util.Map;
import java.util.Optional;

/** The receipt's lifecycle as one table: (status, event) to the next status; nothing else moves it. */
final class ReceiptLifecycle {

    enum Event {
        /** The provider took the document and gave its id. */
        ACCEPTED,
        /** Sending or polling failed in a way that may pass: try again later. */
        TEMPORARY_ERROR,
        /** The provider refused the document for good. */
        PERMANENT_ERROR,
        /** The report says the document still waits for the cash register. */
        REPORT_WAIT,
        /** The report says it is registered: the fiscal attributes are there. */
        REPORT_DONE,
        /** The report says registration failed. */
        REPORT_FAIL,
        /** An operator sends a failed receipt again. */
        RETRY
    }

    record Transition(ReceiptStatus from, Event event, ReceiptStatus to) {}

    static final java.util.List<Transition> TABLE = java.util.List.of(
            new Transition(QUEUED, Event.ACCEPTED, SENT),
            new Transition(QUEUED, Event.TEMPORARY_ERROR, QUEUED),
            new Transition(QUEUED, Event.PERMANENT_ERROR, FAILED),
            new Transition(SENT, Event.REPORT_WAIT, SENT),
            new Transition(SENT, Event.TEMPORARY_ERROR, SENT),
            new Transition(SENT, Event.REPORT_DONE, DONE),
            new Transition(SENT, Event.REPORT_FAIL, FAILED),
            new Transition(SENT, Event.PERMANENT_ERROR, FAILED),
            new Transition(FAILED, Event.RETRY, QUEUED));

    private static final Map<String, ReceiptStatus> NEXT = TABLE.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(t -> key(t.from(), t.event()), Transition::to));

    static Optional<ReceiptStatus> next(ReceiptStatus from, Event event) {
        return Optional.ofNullable(NEXT.get(key(from, event)));
    }

    /** The next status, or an IllegalStateException naming the refused move. */
    static ReceiptStatus require(ReceiptStatus from, Event event) {
        return next(from, event)
                .orElseThrow(() -> new IllegalStateException("a " + from + " receipt cannot take " + event));
    }

    private static String key(ReceiptStatus from, Event event) {
        return from + "/" + event;
    }

    private ReceiptLifecycle() {}
}
