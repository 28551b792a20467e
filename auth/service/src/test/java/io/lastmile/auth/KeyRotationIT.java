package io.lastmile.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.lastmile.auth.keys.SigningKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A new signing key signs at once; the old one stays published until its tokens have expired, then goes. */
@Import(TestClockConfig.class)
class KeyRotationIT extends AuthServerTestBase {

    @Autowired
    SigningKeys keys;

    @Test
    void signsWithTheNewKeyAndKeepsTheOldOnePublishedUntilItsRetentionEnds() throws Exception {
        String before = adminToken();
        String oldKid = kid(before);

        Map<?, ?> rotated = http.post()
                .uri("/api/v1/keys/rotate")
                .headers(h -> h.setBearerAuth(before))
                .retrieve()
                .body(Map.class);
        String newKid = rotated.get("kid").toString();
        String after = adminToken();

        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(publishedKids()).containsExactlyInAnyOrder(oldKid, newKid);
        assertThat(status(before)).as("a token of the old key still works").isEqualTo(200);

        TestClockConfig.CLOCK.advance(Duration.ofHours(2).plusMinutes(1));
        keys.maintain();

        assertThat(publishedKids()).containsExactly(newKid);
        assertThat(status(before)).as("the old key is gone").isEqualTo(401);
        assertThat(status(after)).isEqualTo(200);
    }

    @Test
    void rotatesAKeyOlderThanThirtyDaysOnItsOwn() throws Exception {
        String oldKid = kid(adminToken());

        TestClockConfig.CLOCK.advance(Duration.ofDays(31));
        keys.maintain();

        String newKid = kid(adminToken());
        assertThat(newKid).isNotEqualTo(oldKid);
        List<?> listed = http.get()
                .uri("/api/v1/keys")
                .headers(h -> h.setBearerAuth(adminToken()))
                .retrieve()
                .body(List.class);
        assertThat(listed.stream().map(k -> ((Map<?, ?>) k).get("kid") + "=" + ((Map<?, ?>) k).get("state")))
                .contains(newKid + "=signing", oldKid + "=published");
    }

    private int status(String token) {
        return http.get()
                .uri("/api/v1/roles")
                .headers(h -> h.setBearerAuth(token))
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value();
    }

    private List<Object> publishedKids() {
        Map<?, ?> jwks = http.get().uri("/oauth2/jwks").retrieve().body(Map.class);
        return ((List<?>) jwks.get("keys"))
                .stream().map(k -> (Object) ((Map<?, ?>) k).get("kid")).toList();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
