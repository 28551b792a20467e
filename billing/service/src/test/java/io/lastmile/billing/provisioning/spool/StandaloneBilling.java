package io.lastmile.billing.provisioning.spool;

import io.lastmile.billing.BillingApplication;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The billing application as its own JVM, started by {@link BillingProcess} from the test
 * classpath; {@code --name=value} arguments set its properties. The test sources' configurations
 * (a test JWT decoder, scripted task runners) are kept out of it, and it dies with the JVM that
 * started it, so a test JVM that is killed leaves no billing behind.
 */
public final class StandaloneBilling {

    private StandaloneBilling() {}

    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(3)));
        new SpringApplicationBuilder(BillingApplication.class)
                // BillingApplication's scan asks TypeExcludeFilter beans what to leave out
                .initializers(context -> context.getBeanFactory().registerSingleton("mainCodeOnly", new MainCodeOnly()))
                .properties(Map.of(
                        "server.address", "127.0.0.1",
                        "server.port", "0",
                        "spring.main.banner-mode", "off",
                        // jOOQ 3.21 open source warns that it knows PostgreSQL up to 16; once per start
                        "logging.level.org.jooq.impl.DefaultExecuteContext.logVersionSupport", "ERROR",
                        // no auth module runs: no token is ever checked in these tests
                        "lastmile.platform.auth.jwk-set-uri", "http://127.0.0.1:9/unused"))
                .run(args);
    }

    /** Leaves anything from the test sources out of the component scan. */
    static final class MainCodeOnly extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
