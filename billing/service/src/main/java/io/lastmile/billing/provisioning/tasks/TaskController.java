package io.lastmile.billing.provisioning.tasks;

import io.lastmile.billing.api.provisioning.OutputLine;
import io.lastmile.billing.api.provisioning.TaskDetail;
import io.lastmile.billing.api.provisioning.TaskView;
import io.lastmile.billing.provisioning.spool.TaskControl;
import io.lastmile.platform.security.Permissions;
import io.lastmile.platform.security.RequiresPermission;
import io.lastmile.platform.web.InvalidRequestException;
import io.lastmile.platform.web.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The spool as operators see it: tasks, their attempts and output (also live), and what they may do to a task. */
@RestController
@RequestMapping("/api/v1/provisioning/tasks")
class TaskController {

    static final Set<String> STATUSES =
            Set.of("WAITING", "NEW", "RUNNING", "SUCCESS", "FAILED", "DEAD", "PAUSED", "SKIPPED", "CANCELLED");

    private final TaskQueries queries;
    private final TaskActions actions;
    private final OutputStreams streams;

    TaskController(TaskQueries queries, TaskActions actions, OutputStreams streams) {
        this.queries = queries;
        this.actions = actions;
        this.streams = streams;
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping
    List<TaskView> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long userServiceId,
            @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) String event,
            @RequestParam(required = false) Long serverId,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Long beforeId,
            @RequestParam(defaultValue = "100") int limit) {
        var problems = new InvalidRequestException.Collector();
        if (status != null && !STATUSES.contains(status)) {
            problems.add(
                    "status", "must be one of " + STATUSES.stream().sorted().toList());
        }
        if (kind != null && !kind.equals("COMMAND") && !kind.equals("PERIODIC")) {
            problems.add("kind", "must be COMMAND or PERIODIC");
        }
        if (limit < 1 || limit > 1000) {
            problems.add("limit", "must be from 1 to 1000");
        }
        problems.throwIfAny();
        return queries.list(
                new TaskQueries.Filter(status, userServiceId, accountId, event, serverId, kind, beforeId, limit));
    }

    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping("/{id}")
    TaskDetail get(@PathVariable long id) {
        TaskView task = queries.find(id).orElseThrow(() -> new NotFoundException("no task with id " + id));
        return new TaskDetail(task, queries.attempts(id));
    }

    /** The output of all attempts, or of one with {@code attempt}; pages with {@code afterAttempt}/{@code afterLine}. */
    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping("/{id}/output")
    List<OutputLine> output(
            @PathVariable long id,
            @RequestParam(required = false) Integer attempt,
            @RequestParam(defaultValue = "0") int afterAttempt,
            @RequestParam(defaultValue = "0") int afterLine,
            @RequestParam(defaultValue = "1000") int limit) {
        queries.find(id).orElseThrow(() -> new NotFoundException("no task with id " + id));
        if (limit < 1 || limit > 10_000) {
            throw InvalidRequestException.of("limit", "must be from 1 to 10000");
        }
        return queries.output(id, attempt, afterAttempt, afterLine, limit);
    }

    /** Server-sent events: each output line as it is written ("line"), status changes ("status"), until the task ends. */
    @RequiresPermission(Permissions.PROVISIONING_READ)
    @GetMapping(path = "/{id}/output/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable long id) {
        queries.find(id).orElseThrow(() -> new NotFoundException("no task with id " + id));
        return streams.follow(id);
    }

    @RequiresPermission(Permissions.PROVISIONING_WRITE)
    @PostMapping("/{id}/{command:retry|skip|cancel|pause}")
    TaskView act(@PathVariable long id, @PathVariable String command, Authentication caller) {
        return actions.apply(id, TaskControl.Command.valueOf(command.toUpperCase(Locale.ROOT)), caller.getName());
    }
}
