package io.lastmile.billing.provisioning.tasks;

import io.lastmile.billing.api.provisioning.OutputLine;
import io.lastmile.billing.api.provisioning.TaskView;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Follows a task's output for a browser: lines are committed as they come, so a follower polls for
 * lines after the last it sent (a few times a second) and ends the stream when the task has ended
 * and its last lines are out, or after {@link #MAX} (the client reconnects with what it has).
 */
@Component
class OutputStreams {

    static final Duration POLL = Duration.ofMillis(250);
    static final Duration MAX = Duration.ofMinutes(30);
    private static final Set<String> ENDED = Set.of("SUCCESS", "DEAD", "SKIPPED", "CANCELLED");

    private final TaskQueries queries;

    OutputStreams(TaskQueries queries) {
        this.queries = queries;
    }

    SseEmitter follow(long taskId) {
        SseEmitter emitter = new SseEmitter(MAX.toMillis() + POLL.toMillis());
        Thread.ofVirtual().name("task-output-" + taskId).start(() -> run(taskId, emitter));
        return emitter;
    }

    private void run(long taskId, SseEmitter emitter) {
        long deadline = System.nanoTime() + MAX.toNanos();
        int attempt = 0;
        int line = 0;
        String status = null;
        try {
            while (System.nanoTime() < deadline) {
                TaskView task = queries.find(taskId).orElseThrow();
                List<OutputLine> lines = queries.output(taskId, null, attempt, line, 1000);
                for (OutputLine l : lines) {
                    emitter.send(SseEmitter.event()
                            .name("line")
                            .id(l.attempt() + ":" + l.lineNo())
                            .data(l));
                    attempt = l.attempt();
                    line = l.lineNo();
                }
                if (!task.status().equals(status)) {
                    status = task.status();
                    emitter.send(SseEmitter.event().name("status").data(task));
                }
                if (ENDED.contains(status) && lines.isEmpty()) {
                    break;
                }
                if (lines.size() < 1000) {
                    Thread.sleep(POLL);
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the client went away
            emitter.completeWithError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }
}
