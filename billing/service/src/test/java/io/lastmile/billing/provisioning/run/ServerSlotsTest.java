package io.lastmile.billing.provisioning.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSlotsTest {

    private final ServerSlots slots = new ServerSlots(Duration.ofMillis(100));

    private static CommandContext.Server server(long id, String transport, Map<String, Object> settings) {
        return new CommandContext.Server(id, "s" + id, transport, "127.0.0.1", 22, null, null, true, settings);
    }

    @Test
    void eachTransportHasADefaultAndTheServersSettingOverridesIt() {
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of()))).isEqualTo(8);
        assertThat(ServerSlots.limit(server(1, "MAIL", Map.of()))).isEqualTo(4);
        assertThat(ServerSlots.limit(server(1, "HTTP", Map.of()))).isEqualTo(64);
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of("max_parallel", 2))))
                .isEqualTo(2);
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of("max_parallel", "3"))))
                .isEqualTo(3);
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of("max_parallel", 1_000_000))))
                .isEqualTo(1024);
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of("max_parallel", 0))))
                .as("nonsense: the default")
                .isEqualTo(8);
        assertThat(ServerSlots.limit(server(1, "SSH", Map.of("max_parallel", "many"))))
                .isEqualTo(8);
    }

    @Test
    void aServerRunsNoMoreThanItsLimitAndAFreedSlotIsTakenAgain() throws Exception {
        var ssh = server(7, "SSH", Map.of("max_parallel", 2));
        List<ServerSlots.Slot> held = new ArrayList<>();
        held.add(slots.acquire(ssh).orElseThrow());
        held.add(slots.acquire(ssh).orElseThrow());

        long start = System.nanoTime();
        assertThat(slots.acquire(ssh))
                .as("a third waits its time, then gives up")
                .isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(slots.acquire(server(8, "SSH", Map.of("max_parallel", 2))))
                .as("another server's are its own")
                .isPresent();

        held.removeFirst().close();
        assertThat(slots.acquire(ssh)).isPresent();
    }

    @Test
    void aChangedLimitTakesEffectForTheNextCommands() throws Exception {
        Optional<ServerSlots.Slot> first = slots.acquire(server(9, "SSH", Map.of("max_parallel", 1)));
        assertThat(first).isPresent();
        assertThat(slots.acquire(server(9, "SSH", Map.of("max_parallel", 1)))).isEmpty();

        assertThat(slots.acquire(server(9, "SSH", Map.of("max_parallel", 3)))).isPresent();
        first.get().close(); // given back to the slots it came from, harmlessly
    }
}
