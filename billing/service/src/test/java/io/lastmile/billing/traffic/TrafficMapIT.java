package io.lastmile.billing.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.lastmile.billing.api.traffic.NewTrafficClass;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** The collector's map: its content, its version as the ETag, 304 while nothing changed. */
class TrafficMapIT extends TrafficTestBase {

    @Test
    void carriesEverySubscribersPrefixesAndEveryClasssPrefixes() {
        long account = account("MAP");
        addAddress(account, "10.21.0.5");
        addAddress(account, "2001:db8:21::/56");
        String code = code("local");
        createClass(code, List.of("10.0.0.0/8", "192.168.0.0/16"));

        JsonNode map = json(map(null));

        JsonNode subscriber = map.get("subscribers")
                .valueStream()
                .filter(s -> s.get("accountId").asLong() == account)
                .findFirst()
                .orElseThrow();
        assertThat(subscriber.get("prefixes").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("10.21.0.5/32", "2001:db8:21::/56");
        JsonNode local = map.get("classes")
                .valueStream()
                .filter(c -> c.get("code").asString().equals(code))
                .findFirst()
                .orElseThrow();
        assertThat(local.get("prefixes").valueStream().map(JsonNode::asString))
                .containsExactly("10.0.0.0/8", "192.168.0.0/16");
        assertThat(map.get("defaultClass").asString()).isEqualTo("internet");
    }

    @Test
    void answersNotModifiedUntilTheMapChanges() {
        ResponseEntity<String> first = map(null);
        String etag = first.getHeaders().getETag();
        long version = json(first).get("version").asLong();
        assertThat(etag).isEqualTo("\"" + version + "\"");

        ResponseEntity<String> unchanged = map(etag);
        assertThat(unchanged.getStatusCode().value()).isEqualTo(304);
        assertThat(unchanged.getBody()).isNull();

        addAddress(account("VER"), "10.22.0.1");
        ResponseEntity<String> changed = map(etag);

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(json(changed).get("version").asLong()).isGreaterThan(version);
        assertThat(changed.getHeaders().getETag())
                .isEqualTo("\"" + json(changed).get("version").asLong() + "\"");
        assertThat(map(changed.getHeaders().getETag()).getStatusCode().value()).isEqualTo(304);
    }

    @Test
    void bumpsTheVersionWithEveryKindOfChangeAndNotWithARefusedOne() {
        long account = account("BUMP");
        long v0 = version();
        long address = json(addAddress(account, "10.23.0.1")).get("id").asLong();
        long v1 = version();
        assertThat(addAddress(account(("BUMP2")), "10.23.0.1").getStatusCode().value())
                .isEqualTo(409);
        long afterRefusal = version();
        admin().delete()
                .uri("/api/v1/accounts/{id}/addresses/{a}", account, address)
                .retrieve()
                .toBodilessEntity();
        long v2 = version();
        String code = code("peer");
        createClass(code, List.of("185.23.0.0/16"));
        long v3 = version();
        admin().patch()
                .uri("/api/v1/traffic/classes/{code}", code)
                .body(new NewTrafficClass(null, null, List.of("185.23.0.0/16", "185.24.0.0/16")))
                .retrieve()
                .toBodilessEntity();
        long v4 = version();
        admin().delete().uri("/api/v1/traffic/classes/{code}", code).retrieve().toBodilessEntity();
        long v5 = version();

        assertThat(List.of(v0, v1, v2, v3, v4, v5)).isSorted().doesNotHaveDuplicates();
        assertThat(afterRefusal).isEqualTo(v1);
    }

    @Test
    void keepsEachPrefixToOneClassAndTheDefaultClassWithoutPrefixes() {
        String first = code("one");
        String second = code("two");
        createClass(first, List.of("100.64.0.0/10"));

        ResponseEntity<String> taken = createClass(second, List.of("100.64.0.0/10"));
        ResponseEntity<String> nested = createClass(second, List.of("100.64.1.0/24"));
        ResponseEntity<String> defaultWithPrefix = admin().patch()
                .uri("/api/v1/traffic/classes/internet")
                .body(new NewTrafficClass(null, null, List.of("1.0.0.0/8")))
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> deleteDefault = admin().delete()
                .uri("/api/v1/traffic/classes/internet")
                .retrieve()
                .toEntity(String.class);

        assertThat(taken.getStatusCode().value()).isEqualTo(409);
        assertThat(json(taken).get("detail").asString()).contains(first);
        assertThat(nested.getStatusCode().value())
                .as("the longest match decides")
                .isEqualTo(201);
        assertThat(defaultWithPrefix.getStatusCode().value()).isEqualTo(400);
        assertThat(deleteDefault.getStatusCode().value()).isEqualTo(409);
        assertThat(createClass(first, List.of()).getStatusCode().value()).isEqualTo(409);
        assertThat(createClass("Not A Code", List.of()).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void listsClassesWithTheDefaultFirst() {
        String code = code("list");
        createClass(code, List.of("203.0.113.0/24"));

        JsonNode classes =
                json(admin().get().uri("/api/v1/traffic/classes").retrieve().toEntity(String.class));

        assertThat(classes.get(0).get("code").asString()).isEqualTo("internet");
        assertThat(classes.get(0).get("isDefault").asBoolean()).isTrue();
        assertThat(classes.valueStream().map(c -> c.get("code").asString())).contains(code);
    }

    private long version() {
        return json(map(null)).get("version").asLong();
    }

    private ResponseEntity<String> createClass(String code, List<String> prefixes) {
        return admin().post()
                .uri("/api/v1/traffic/classes")
                .body(new NewTrafficClass(code, "Class " + code, prefixes))
                .retrieve()
                .toEntity(String.class);
    }

    private static String code(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
