package io.lastmile.billing.provisioning.run;

import java.time.Instant;
import java.util.Map;

/** Everything one attempt of a command needs, read before it starts. */
record CommandContext(Task task, Template template, Server server, Service service, Account account, Long groupId) {

    record Task(
            long id,
            String kind,
            String job,
            String event,
            Long userServiceId,
            Long accountId,
            int timeoutSeconds,
            Map<String, Object> eventData) {}

    record Template(long id, String name, String body) {}

    record Server(
            long id,
            String name,
            String transport,
            String host,
            int port,
            String credentialsRef,
            String hostKey,
            boolean enabled,
            Map<String, Object> settings) {}

    record Service(
            long id,
            String status,
            Instant periodStart,
            Instant periodEnd,
            Map<String, Object> settings,
            long tariffId,
            String tariffName,
            String category,
            Map<String, Object> tariffSettings) {}

    record Account(long id, String contract, String name, String email, String phone, Map<String, Object> settings) {}
}
