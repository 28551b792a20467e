package io.lastmile.billing.bench;

import io.lastmile.billing.BillingApplication;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;

/**
 * The billing application as {@link BillingApplication} builds it (same packages, same
 * auto-configuration), without the test fixtures that sit on the benchmark's classpath: the
 * test sources' configurations (a test JWT decoder, a failing provisioning) stay out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackageClasses = BillingApplication.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = BenchApplication.MainCodeOnly.class))
class BenchApplication {

    /** The billing app on its own random loopback port, its clock driven by the benchmark. */
    static ConfigurableApplicationContext start(String jdbcUrl) {
        return start(jdbcUrl, 0);
    }

    /** The same, with {@code spoolWorkers} spool workers running (0: the spool is off). */
    static ConfigurableApplicationContext start(String jdbcUrl, int spoolWorkers) {
        return new SpringApplicationBuilder(BenchApplication.class)
                .properties(Map.ofEntries(
                        Map.entry("spring.datasource.url", jdbcUrl),
                        Map.entry("spring.datasource.username", "postgres"),
                        Map.entry("spring.datasource.password", ""),
                        Map.entry("server.address", "127.0.0.1"),
                        Map.entry("server.port", "0"),
                        Map.entry("spring.main.banner-mode", "off"),
                        Map.entry("logging.level.root", "WARN"),
                        // jOOQ 3.21 open source warns that it knows PostgreSQL up to 16; said once per start
                        Map.entry("logging.level.org.jooq.impl.DefaultExecuteContext.logVersionSupport", "ERROR"),
                        // tokens are never checked: the benchmark calls the billing clock in-process
                        Map.entry("lastmile.platform.auth.jwk-set-uri", "http://127.0.0.1:9/unused"),
                        // the test clock: MutableClock, so entries carry the run's time
                        Map.entry("lastmile.billing.test-clock.enabled", "true"),
                        Map.entry("lastmile.billing.subscriptions.clock.enabled", "false"),
                        Map.entry("lastmile.billing.spool.workers", String.valueOf(spoolWorkers)),
                        Map.entry("lastmile.billing.secrets.key-file", "target/bench-secret.key")))
                .run();
    }

    /** Leaves out {@link BillingApplication} (it would scan again) and anything from the test sources. */
    static final class MainCodeOnly implements TypeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            String name = reader.getClassMetadata().getClassName();
            return name.equals(BillingApplication.class.getName())
                    || reader.getResource().getURL().toString().contains("/test-classes/");
        }
    }
}
