package io.lastmile.billing.provisioning.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {

    private final ServerChoice choice = new ServerChoice(null, new SplittableRandom(42));

    private static ServerChoice.Candidate server(long id, int weight, long services) {
        return new ServerChoice.Candidate(id, "X", weight, null, services);
    }

    @Test
    void leastLoadedTakesTheServerWithFewestServicesAndTheLowestIdOnATie() {
        List<ServerChoice.Candidate> open = List.of(server(1, 1, 5), server(2, 1, 3), server(3, 1, 3));

        assertThat(choice.pick("LEAST_LOADED", open).id()).isEqualTo(2);
    }

    @Test
    void fillTakesTheFirstWithRoom() {
        assertThat(choice.pick("FILL", List.of(server(4, 1, 99), server(5, 1, 0)))
                        .id())
                .isEqualTo(4);
    }

    @Test
    void weightedSpreadsInProportionToWeight() {
        List<ServerChoice.Candidate> open = List.of(server(1, 1, 0), server(2, 3, 0));

        Map<Long, Long> counts = IntStream.range(0, 4000)
                .mapToObj(i -> choice.pick("WEIGHTED", open).id())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts.get(2L) / (double) counts.get(1L)).isBetween(2.6, 3.4);
    }

    @Test
    void aFullServerHasNoRoom() {
        assertThat(new ServerChoice.Candidate(1, "FILL", 1, 10, 10).hasRoom()).isFalse();
        assertThat(new ServerChoice.Candidate(1, "FILL", 1, 10, 9).hasRoom()).isTrue();
        assertThat(new ServerChoice.Candidate(1, "FILL", 1, null, 1_000_000).hasRoom())
                .isTrue();
    }
}
