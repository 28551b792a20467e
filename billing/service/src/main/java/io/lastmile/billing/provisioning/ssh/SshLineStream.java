package io.lastmile.billing.provisioning.ssh;

import io.lastmile.billing.provisioning.OutputSink;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts one channel stream into lines and hands each to the sink the moment its newline arrives,
 * so the task's pipeline log follows the script live. A line longer than {@link #MAX_LINE} bytes
 * is cut there, so a script printing without newlines cannot exhaust memory.
 */
final class SshLineStream extends OutputStream {

    static final int MAX_LINE = 16 * 1024;

    private final OutputSink sink;
    private final OutputSink.Stream stream;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    SshLineStream(OutputSink sink, OutputSink.Stream stream) {
        this.sink = sink;
        this.stream = stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    /** Hands over a last line that had no newline; called once the channel has closed. */
    synchronized void finish() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        sink.line(stream, new String(bytes, 0, len, StandardCharsets.UTF_8));
    }
}
