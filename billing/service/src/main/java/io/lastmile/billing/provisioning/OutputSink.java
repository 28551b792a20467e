package io.lastmile.billing.provisioning;

/** Receives an attempt's output line by line, as it comes, for the task's pipeline log. */
@FunctionalInterface
public interface OutputSink {

    /** Where a line came from: the command's stdout or stderr, or the transport itself. */
    enum Stream {
        STDOUT,
        STDERR,
        TRANSPORT
    }

    void line(Stream stream, String text);
}
