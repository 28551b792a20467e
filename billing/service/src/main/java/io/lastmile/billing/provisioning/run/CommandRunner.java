package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.provisioning.AttemptOutcome;
import io.lastmile.billing.provisioning.OutputSink;
import io.lastmile.billing.provisioning.dispatch.ServerChoice;
import io.lastmile.billing.provisioning.http.HttpRequestText;
import io.lastmile.billing.provisioning.http.HttpTransport;
import io.lastmile.billing.provisioning.mail.MailSettings;
import io.lastmile.billing.provisioning.mail.MailText;
import io.lastmile.billing.provisioning.mail.MailTransport;
import io.lastmile.billing.provisioning.periodic.PeriodicJobs;
import io.lastmile.billing.provisioning.spool.SpoolTask;
import io.lastmile.billing.provisioning.spool.TaskRunner;
import io.lastmile.billing.provisioning.ssh.SshTarget;
import io.lastmile.billing.provisioning.ssh.SshTransport;
import io.lastmile.billing.provisioning.template.RequestedEvent;
import io.lastmile.billing.provisioning.template.ServiceStore;
import io.lastmile.billing.provisioning.template.TemplateContext;
import io.lastmile.billing.provisioning.template.TemplateException;
import io.lastmile.billing.provisioning.template.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a command: reads its service, account and server, renders its template and
 * sends the text through the server's transport (SSH script, HTTP request, mail). A template that
 * does not render, or a text its transport cannot read, fails the task at once: retrying the same
 * text cannot help. A server that is missing, disabled or full is retried: an operator may fix it.
 */
@Component
class CommandRunner implements TaskRunner {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int PREPARED_AT_MOST = 10_000;
    private static final Pattern WORDS = Pattern.compile("[ \t]+");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private final CommandRepository repository;
    private final Templates templates;
    private final ServiceStore store;
    private final SecretSource secrets;
    private final ServerChoice servers;
    private final SshTransport ssh;
    private final HttpTransport http;
    private final MailTransport mail;
    private final PeriodicJobs jobs;
    private final ServerSlots slots = new ServerSlots();

    CommandRunner(
            CommandRepository repository,
            Templates templates,
            ServiceStore store,
            SecretSource secrets,
            ServerChoice servers,
            SshTransport ssh,
            HttpTransport http,
            MailTransport mail,
            PeriodicJobs jobs) {
        this.repository = repository;
        this.templates = templates;
        this.store = store;
        this.secrets = secrets;
        this.servers = servers;
        this.ssh = ssh;
        this.http = http;
        this.mail = mail;
        this.jobs = jobs;
    }

    /** What tasks just taken run with, read for all of them at once; each attempt takes its own out. */
    private final Map<Long, CommandRepository.Loaded> prepared = new ConcurrentHashMap<>();

    @Override
    public void prepare(List<SpoolTask> tasks) {
        if (prepared.size() > PREPARED_AT_MOST) {
            prepared.clear(); // attempts that never ran (a stop mid-batch): they read their own
        }
        repository
                .loadAll(tasks.stream().map(SpoolTask::id).toList())
                .forEach(l -> prepared.put(l.task().id(), l));
    }

    @Override
    public AttemptOutcome run(SpoolTask spoolTask, OutputSink out) {
        CommandRepository.Loaded ready = prepared.remove(spoolTask.id());
        CommandRepository.Loaded loaded =
                ready != null ? ready : repository.load(spoolTask.id()).orElseThrow();
        CommandContext.Task task = loaded.task();
        if (task.kind().equals("PERIODIC")) {
            return jobs.run(task.job(), out);
        }
        var bound = loaded.bound();
        if (bound == null) {
            return say(out, AttemptOutcome.fail(null, "the command's binding no longer exists"));
        }
        if (task.userServiceId() != null && loaded.service() == null) {
            return say(out, AttemptOutcome.fail(null, "user service " + task.userServiceId() + " no longer exists"));
        }
        CommandContext.Service service = loaded.service();
        CommandContext.Account account = loaded.account();
        Long serverId = spoolTask.serverId() != null ? spoolTask.serverId() : chooseServer(task, bound.groupId());
        if (serverId == null) {
            return say(
                    out,
                    bound.groupId() == null
                            ? AttemptOutcome.fail(null, "the binding names no server and no group")
                            : AttemptOutcome.retry(null, "no enabled server with room in group " + bound.groupId()));
        }
        CommandContext.Server server =
                loaded.server() != null && loaded.server().id() == serverId
                        ? loaded.server()
                        : repository.server(serverId).orElse(null);
        if (server == null) {
            return say(out, AttemptOutcome.retry(null, "server " + serverId + " no longer exists"));
        }
        if (!server.enabled()) {
            return say(out, AttemptOutcome.retry(null, "server '" + server.name() + "' is disabled"));
        }
        var ctx = new CommandContext(task, bound.template(), server, service, account, bound.groupId());
        Rendered rendered;
        try {
            rendered = render(ctx, store);
        } catch (TemplateException e) {
            return say(out, AttemptOutcome.fail(null, e.getMessage()));
        }
        Optional<ServerSlots.Slot> slot;
        try {
            slot = slots.acquire(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return say(out, AttemptOutcome.busy("stopped while waiting for a free slot on '" + server.name() + "'"));
        }
        if (slot.isEmpty()) {
            return say(
                    out,
                    AttemptOutcome.busy("server '" + server.name() + "' already runs its "
                            + ServerSlots.limit(server) + " commands at once (setting " + ServerSlots.SETTING
                            + "); queued again, not counted as an attempt"));
        }
        try (ServerSlots.Slot held = slot.get()) {
            return send(ctx, rendered.text(), out).withEvents(rendered.events());
        }
    }

    private AttemptOutcome send(CommandContext ctx, String text, OutputSink out) {
        return switch (ctx.server().transport()) {
            case "SSH" -> viaSsh(ctx, text, out);
            case "HTTP" -> viaHttp(ctx, text, out);
            case "MAIL" -> viaMail(ctx, text, out);
            default ->
                say(
                        out,
                        AttemptOutcome.fail(
                                null, "unknown transport " + ctx.server().transport()));
        };
    }

    /** A template's text and the events it asked to raise when its command succeeds. */
    record Rendered(String text, List<RequestedEvent> events) {}

    /** The template rendered for the command's service, account, server and event. */
    Rendered render(CommandContext ctx, ServiceStore withStore) {
        TemplateContext.Builder b = ctx.service() == null
                ? TemplateContext.forAccount()
                : TemplateContext.forService(ctx.service().id(), withStore)
                        .status(ctx.service().status())
                        .period(ctx.service().periodStart(), ctx.service().periodEnd())
                        .settings(ctx.service().settings())
                        .service(
                                ctx.service().tariffId(),
                                ctx.service().tariffName(),
                                ctx.service().category(),
                                ctx.service().tariffSettings());
        if (ctx.server() != null) {
            b.server(
                    ctx.server().id(),
                    ctx.server().host(),
                    ctx.server().name(),
                    ctx.server().settings());
        }
        if (ctx.account() != null) {
            CommandContext.Account a = ctx.account();
            b.user(a.id(), a.contract(), a.name(), a.email(), a.phone(), a.settings());
        }
        b.event(ctx.task().event());
        if (ctx.service() == null) {
            b.eventData(ctx.task().eventData());
        }
        TemplateContext context = b.build();
        String text = templates.render(ctx.template().name(), ctx.template().body(), context);
        return new Rendered(text, context.requestedEvents());
    }

    private Long chooseServer(CommandContext.Task task, Long groupId) {
        if (groupId == null) {
            return null;
        }
        if (task.userServiceId() != null) {
            Optional<Long> recorded = repository.serverOfService(task.userServiceId());
            if (recorded.isPresent() && servers.inGroup(recorded.get(), groupId)) {
                repository.chose(task.id(), task.userServiceId(), recorded.get());
                return recorded.get();
            }
        }
        Optional<Long> chosen = servers.choose(groupId);
        chosen.ifPresent(id -> repository.chose(task.id(), task.userServiceId(), id));
        return chosen.orElse(null);
    }

    private AttemptOutcome viaSsh(CommandContext ctx, String script, OutputSink out) {
        CommandContext.Server s = ctx.server();
        Optional<ServerSecret> key = secret(s);
        if (key.isEmpty() || !key.get().kind().equals("SSH_KEY")) {
            return say(out, AttemptOutcome.fail(null, "server '" + s.name() + "' has no SSH key credential"));
        }
        if (s.hostKey() == null) {
            return say(
                    out,
                    AttemptOutcome.fail(null, "server '" + s.name() + "' has no pinned host key: scan and confirm it"));
        }
        SshTarget target = new SshTarget(
                s.host(),
                s.port(),
                key.get().username(),
                key.get().value(),
                s.hostKey(),
                CONNECT_TIMEOUT,
                Duration.ofSeconds(ctx.task().timeoutSeconds()));
        return ssh.run(target, script, out);
    }

    private AttemptOutcome viaHttp(CommandContext ctx, String text, OutputSink out) {
        HttpRequestText request;
        try {
            request = HttpRequestText.parse(absolute(text, ctx.server()));
        } catch (IllegalArgumentException e) {
            return say(out, AttemptOutcome.fail(null, e.getMessage()));
        }
        Optional<ServerSecret> secret = secret(ctx.server());
        if (secret.isPresent()
                && request.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("Authorization"))) {
            List<HttpRequestText.Header> headers = new ArrayList<>(request.headers());
            headers.add(new HttpRequestText.Header("Authorization", authorization(secret.get())));
            request = new HttpRequestText(request.method(), request.uri(), headers, request.body());
        }
        return http.send(request, Duration.ofSeconds(ctx.task().timeoutSeconds()), out);
    }

    private AttemptOutcome viaMail(CommandContext ctx, String text, OutputSink out) {
        CommandContext.Server s = ctx.server();
        MailText parsed;
        MailSettings settings;
        try {
            parsed = MailText.parse(text);
            Optional<ServerSecret> login = secret(s);
            settings = new MailSettings(
                    s.host(),
                    s.port(),
                    MailSettings.Security.valueOf(String.valueOf(s.settings().getOrDefault("security", "STARTTLS"))),
                    login.map(ServerSecret::username).orElse(null),
                    login.map(ServerSecret::value).orElse(null),
                    String.valueOf(s.settings().get("from")),
                    CONNECT_TIMEOUT,
                    Duration.ofSeconds(ctx.task().timeoutSeconds()),
                    trustHosts(s.settings().get("trustHosts")));
        } catch (IllegalArgumentException e) {
            return say(out, AttemptOutcome.fail(null, e.getMessage()));
        }
        String to = ctx.account() == null ? null : ctx.account().email();
        return mail.send(settings, parsed, to, out);
    }

    /**
     * "POST /path" becomes "POST {base}/path": the server's {@code settings.baseUrl} if it has one,
     * else http://host:port.
     */
    static String absolute(String text, CommandContext.Server server) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] parts = WORDS.split(lines[i].strip());
            if (parts.length == 2 && parts[1].startsWith("/")) {
                Object baseUrl = server.settings().get("baseUrl");
                String base = baseUrl instanceof String b && !b.isBlank()
                        ? TRAILING_SLASHES.matcher(b).replaceAll("")
                        : "http://" + server.host() + ":" + server.port();
                lines[i] = parts[0] + " " + base + parts[1];
            }
            break;
        }
        return String.join("\n", lines);
    }

    private static String authorization(ServerSecret secret) {
        if (secret.kind().equals("PASSWORD")) {
            String pair = (secret.username() == null ? "" : secret.username()) + ":" + secret.value();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + secret.value();
    }

    private static Set<String> trustHosts(Object value) {
        if (value instanceof Collection<?> c) {
            return Set.copyOf(c.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    private Optional<ServerSecret> secret(CommandContext.Server s) {
        return s.credentialsRef() == null ? Optional.empty() : secrets.open(s.credentialsRef());
    }

    private static AttemptOutcome say(OutputSink out, AttemptOutcome outcome) {
        out.line(OutputSink.Stream.TRANSPORT, outcome.message());
        return outcome;
    }
}
