package io.lastmile.billing.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Account addresses: v4 and v6, no two accounts' prefixes overlapping, each change audited. */
class AddressApiIT extends TrafficTestBase {

    @Test
    void givesAnAccountAddressesAndPrefixesOfBothFamilies() {
        long account = account("ADDR");

        ResponseEntity<String> v4 = addAddress(account, "10.11.0.5");
        ResponseEntity<String> v6 = addAddress(account, "2001:DB8:11::/56");

        assertThat(v4.getStatusCode().value()).isEqualTo(201);
        assertThat(json(v4).get("prefix").asString()).isEqualTo("10.11.0.5/32");
        assertThat(json(v6).get("prefix").asString()).isEqualTo("2001:db8:11::/56");
        ResponseEntity<String> list = admin().get()
                .uri("/api/v1/accounts/{id}/addresses", account)
                .retrieve()
                .toEntity(String.class);
        assertThat(json(list).valueStream().map(a -> a.get("prefix").asString()))
                .containsExactly("10.11.0.5/32", "2001:db8:11::/56");
    }

    @Test
    void refusesAnIpv4PrefixOverlappingAnotherAccountsNamingIt() {
        long first = account("OV4A");
        long second = account("OV4B");
        assertThat(addAddress(first, "10.12.0.0/24").getStatusCode().value()).isEqualTo(201);

        ResponseEntity<String> wider = addAddress(second, "10.12.0.0/16");
        ResponseEntity<String> inside = addAddress(second, "10.12.0.77");

        for (ResponseEntity<String> refused : new ResponseEntity[] {wider, inside}) {
            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(json(refused).get("accountId").asLong()).isEqualTo(first);
            assertThat(json(refused).get("detail").asString())
                    .contains("10.12.0.0/24")
                    .contains("account " + first);
        }
        assertThat(addAddress(second, "10.12.1.0/24").getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void refusesAnIpv6PrefixOverlappingAnotherAccountsNamingIt() {
        long first = account("OV6A");
        long second = account("OV6B");
        assertThat(addAddress(first, "2001:db8:12:100::/56").getStatusCode().value())
                .isEqualTo(201);

        ResponseEntity<String> wider = addAddress(second, "2001:db8:12::/48");
        ResponseEntity<String> inside = addAddress(second, "2001:db8:12:1ff::1");

        for (ResponseEntity<String> refused : new ResponseEntity[] {wider, inside}) {
            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(json(refused).get("accountId").asLong()).isEqualTo(first);
            assertThat(json(refused).get("prefix").asString()).isEqualTo("2001:db8:12:100::/56");
        }
        assertThat(addAddress(second, "2001:db8:12:200::/56").getStatusCode().value())
                .isEqualTo(201);
    }

    @Test
    void refusesAnOverlapWithinOneAccountToo() {
        long account = account("OVSELF");
        addAddress(account, "10.13.0.0/24");

        ResponseEntity<String> again = addAddress(account, "10.13.0.9");

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(json(again).get("detail").asString()).contains("this account already has");
    }

    @Test
    void refusesWhatIsNoPrefixSayingWhy() {
        long account = account("BAD");

        ResponseEntity<String> hostBits = addAddress(account, "10.14.0.5/24");
        ResponseEntity<String> name = addAddress(account, "router.example.net");

        assertThat(hostBits.getStatusCode().value()).isEqualTo(400);
        assertThat(json(hostBits).get("errors").get("prefix").asString()).contains("bits set after its length");
        assertThat(name.getStatusCode().value()).isEqualTo(400);
        assertThat(addAddress(999_999_999L, "10.14.1.1").getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void freesADeletedPrefixForAnotherAccountAndAuditsBoth() {
        long first = account("DELA");
        long second = account("DELB");
        long id = json(addAddress(first, "10.15.0.0/30")).get("id").asLong();

        ResponseEntity<String> deleted = admin().delete()
                .uri("/api/v1/accounts/{id}/addresses/{addressId}", first, id)
                .retrieve()
                .toEntity(String.class);
        ResponseEntity<String> again = admin().delete()
                .uri("/api/v1/accounts/{id}/addresses/{addressId}", first, id)
                .retrieve()
                .toEntity(String.class);

        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(again.getStatusCode().value()).isEqualTo(404);
        assertThat(addAddress(second, "10.15.0.1").getStatusCode().value()).isEqualTo(201);
        assertThat(db().fetch(
                                "SELECT action FROM audit_outbox WHERE subject = ? AND detail = '10.15.0.0/30' ORDER BY id",
                                "account " + first)
                        .getValues(0, String.class))
                .containsExactly("account.address.add", "account.address.delete");
    }

    @Test
    void keepsAnotherAccountsAddressOutOfReach() {
        long first = account("REACHA");
        long second = account("REACHB");
        long id = json(addAddress(first, "10.16.0.1")).get("id").asLong();

        ResponseEntity<String> viaOther = admin().delete()
                .uri("/api/v1/accounts/{id}/addresses/{addressId}", second, id)
                .retrieve()
                .toEntity(String.class);

        assertThat(viaOther.getStatusCode().value()).isEqualTo(404);
        assertThat(addAddress(second, "10.16.0.1").getStatusCode().value()).isEqualTo(409);
    }
}
