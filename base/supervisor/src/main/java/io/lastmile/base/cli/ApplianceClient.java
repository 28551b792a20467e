package io.lastmile.base.cli;

import io.lastmile.base.config.ApplianceConfig;
import io.lastmile.base.config.ApplianceConfigLoader;
import io.lastmile.base.config.ModuleConfig;
import io.lastmile.base.runtime.AppliancePaths;
import io.lastmile.base.runtime.ModuleEnvironment;
import io.lastmile.base.runtime.ModuleStatus;
import io.lastmile.base.runtime.Secrets;
import io.lastmile.base.runtime.StaleProcesses;
import io.lastmile.base.runtime.StatusFile;
import io.lastmile.platform.registry.ModuleView;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local appliance as the CLI sees it: its files, its base process, its API. */
final class ApplianceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    final AppliancePaths paths;
    final ApplianceConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ApplianceClient(AppliancePaths paths, ApplianceConfig config) {
        this.paths = paths;
        this.config = config;
    }

    static ApplianceClient connect(AppliancePaths paths) {
        return new ApplianceClient(paths, ApplianceConfigLoader.load(paths.config()));
    }

    Optional<ProcessHandle> baseProcess() {
        return StaleProcesses.find(paths.pidFile(ApplianceConfig.SUPERVISOR), "lastmile-base");
    }

    /** A token of the `cli` client, which carries the admin role. */
    String adminToken() {
        String secret = Secrets.open(paths.secrets()).get(Secrets.clientSecretKey(ModuleEnvironment.CLI_CLIENT));
        if (secret == null) {
            throw new IllegalStateException(
                    "no CLI credentials in " + paths.secrets() + ": start the appliance with ./lastmile up");
        }
        String basic = Base64.getEncoder()
                .encodeToString((ModuleEnvironment.CLI_CLIENT + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.auth().url() + "/oauth2/token"))
                .timeout(TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = send(request, "auth at " + config.auth().url());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "auth refused the CLI's token request (HTTP " + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** The registry from base's API; from base's status file when auth or base cannot answer. */
    List<ModuleView> modules() {
        if (baseProcess().isEmpty()) {
            return config.modules().stream().map(ApplianceClient::stopped).toList();
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(config.supervisor().url() + "/api/v1/modules"))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + adminToken())
                    .build();
            HttpResponse<String> response =
                    send(request, "base at " + config.supervisor().url());
            if (response.statusCode() == 200) {
                return Arrays.asList(JSON.readValue(response.body(), ModuleView[].class));
            }
        } catch (IllegalStateException e) {
            // auth is not up yet: base's own file still knows
        }
        List<ModuleView> fromFile = StatusFile.read(paths);
        return fromFile.isEmpty()
                ? config.modules().stream().map(ApplianceClient::starting).toList()
                : fromFile;
    }

    private HttpResponse<String> send(HttpRequest request, String peer) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    peer + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static ModuleView stopped(ModuleConfig m) {
        return new ModuleView(
                m.name(), m.url(), m.enabled() ? ModuleStatus.DOWN.name() : ModuleStatus.DISABLED.name(), null, null);
    }

    private static ModuleView starting(ModuleConfig m) {
        return new ModuleView(
                m.name(),
                m.url(),
                m.enabled() ? ModuleStatus.STARTING.name() : ModuleStatus.DISABLED.name(),
                null,
                null);
    }

    static JsonNode parse(String json) {
        return JSON.readTree(json);
    }
}
