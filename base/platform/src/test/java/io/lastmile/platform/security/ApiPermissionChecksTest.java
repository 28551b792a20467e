package io.lastmile.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import io.lastmile.platform.PlatformAutoConfiguration;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

/** The permission check every module gets from the platform, behind the real filter chain. */
class ApiPermissionChecksTest {

    private static final Signer AUTH = new Signer();

    private final WebApplicationContextRunner runner = platform().withUserConfiguration(Decoder.class);

    /** A servlet application with web MVC, Spring Security and the platform. */
    static WebApplicationContextRunner platform() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DispatcherServletAutoConfiguration.class,
                        WebMvcAutoConfiguration.class,
                        SecurityAutoConfiguration.class,
                        ServletWebSecurityAutoConfiguration.class,
                        PlatformAutoConfiguration.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Decoder {
        @Bean
        JwtDecoder jwtDecoder() throws JOSEException {
            NimbusJwtDecoder decoder =
                    NimbusJwtDecoder.withPublicKey(AUTH.key.toRSAPublicKey()).build();
            decoder.setJwtValidator(TokenValidators.lastmile(Signer.ISSUER));
            return decoder;
        }
    }

    @RestController
    static class Declared {
        @GetMapping("/api/v1/things")
        String things() {
            return "things";
        }

        @GetMapping("/api/v1/accounts/{id}/things")
        String accountThings(@PathVariable long id) {
            return "things of " + id;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DeclaredRoutes {
        @Bean
        Annotated annotated() {
            return new Annotated();
        }
    }

    @RestController
    static class Annotated {
        @GetMapping("/api/v1/things")
        @RequiresPermission(Permissions.CATALOG_READ)
        String things() {
            return "things";
        }

        @GetMapping("/api/v1/accounts/{id}/things")
        @RequiresPermission(
                value = {Permissions.ACCOUNTS_READ, Permissions.SELF},
                account = "id")
        String accountThings(@PathVariable long id) {
            return "things of " + id;
        }

        /** Answered later, on another thread, as a stream of server-sent events ends. */
        @GetMapping("/api/v1/slow-things")
        @RequiresPermission(Permissions.CATALOG_READ)
        Callable<String> slowThings() {
            return () -> "slow things";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UndeclaredRoutes {
        @Bean
        Declared declared() {
            return new Declared();
        }
    }

    @Test
    void doesNotStartWhenAnApiHandlerDeclaresNoPermission() {
        runner.withUserConfiguration(UndeclaredRoutes.class).run(context -> assertThat(context)
                .getFailure()
                .hasMessageContaining("declare no @RequiresPermission")
                .hasMessageContaining("GET /api/v1/things")
                .hasMessageContaining("GET /api/v1/accounts/{id}/things"));
    }

    @Test
    void listsEachRouteWithItsPermissions() {
        runner.withUserConfiguration(DeclaredRoutes.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(ApiRoutes.of(context))
                    .extracting(ApiRoutes.Route::toString, ApiRoutes.Route::permissions, ApiRoutes.Route::account)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "GET /api/v1/accounts/{id}/things",
                                    List.of(Permissions.ACCOUNTS_READ, Permissions.SELF),
                                    "id"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "GET /api/v1/slow-things", List.of(Permissions.CATALOG_READ), ""),
                            org.assertj.core.groups.Tuple.tuple(
                                    "GET /api/v1/things", List.of(Permissions.CATALOG_READ), ""));
        });
    }

    @Test
    void letsInOnlyACallerHoldingADeclaredPermission() {
        runner.withUserConfiguration(DeclaredRoutes.class).run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/api/v1/things")).andExpect(status().isUnauthorized());
            mvc.perform(get("/api/v1/things").header("Authorization", bearer(List.of(Permissions.CATALOG_READ))))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/things").header("Authorization", bearer(List.of(Permissions.ALL))))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/things")
                            .header("Authorization", bearer(List.of(Permissions.CATALOG_WRITE, Permissions.SELF))))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.title").value("Forbidden"))
                    .andExpect(jsonPath("$.required[0]").value(Permissions.CATALOG_READ));
        });
    }

    @Test
    void answersAnAsynchronousHandlerOnceItsCallerWasLetIn() {
        runner.withUserConfiguration(DeclaredRoutes.class).run(context -> {
            MockMvc mvc = mvc(context);
            MvcResult started = mvc.perform(get("/api/v1/slow-things")
                            .header("Authorization", bearer(List.of(Permissions.CATALOG_READ))))
                    .andExpect(request().asyncStarted())
                    .andReturn();

            mvc.perform(asyncDispatch(started))
                    .andExpect(status().isOk())
                    .andExpect(content().string("slow things"));
            mvc.perform(get("/api/v1/slow-things").header("Authorization", bearer(List.of(Permissions.SELF))))
                    .andExpect(status().isForbidden());
        });
    }

    @Test
    void answersASubscriberAskingForAnotherAccountWithNotFound() {
        runner.withUserConfiguration(DeclaredRoutes.class).run(context -> {
            MockMvc mvc = mvc(context);
            String subscriber = "Bearer "
                    + AUTH.sign(AUTH.claims(List.of(Roles.SUBSCRIBER), List.of(Permissions.SELF))
                            .claim(Permissions.ACCOUNT_CLAIM, 7L));
            mvc.perform(get("/api/v1/accounts/7/things").header("Authorization", subscriber))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/accounts/8/things").header("Authorization", subscriber))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.detail").value("no account with id 8"));
            mvc.perform(get("/api/v1/things").header("Authorization", subscriber))
                    .andExpect(status().isForbidden());
            // an operator with the permission is not scoped
            mvc.perform(get("/api/v1/accounts/8/things")
                            .header("Authorization", bearer(List.of(Permissions.ACCOUNTS_READ))))
                    .andExpect(status().isOk());
        });
    }

    private static String bearer(List<String> permissions) {
        return "Bearer " + AUTH.sign(AUTH.claims(List.of("someone"), permissions));
    }

    private static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                .build();
    }
}
