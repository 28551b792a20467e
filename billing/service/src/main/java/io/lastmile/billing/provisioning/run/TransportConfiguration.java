package io.lastmile.billing.provisioning.run;

import io.lastmile.billing.provisioning.http.HttpTransport;
import io.lastmile.billing.provisioning.mail.MailTransport;
import io.lastmile.billing.provisioning.ssh.SshTransport;
import io.lastmile.billing.provisioning.template.TemplateLimits;
import io.lastmile.billing.provisioning.template.Templates;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One of each transport and the template engine, shared by every worker. */
@Configuration(proxyBeanMethods = false)
class TransportConfiguration {

    @Bean(destroyMethod = "close")
    SshTransport sshTransport() {
        return new SshTransport();
    }

    @Bean(destroyMethod = "close")
    HttpTransport httpTransport() {
        return new HttpTransport();
    }

    @Bean
    MailTransport mailTransport(Clock clock) {
        return new MailTransport(clock);
    }

    @Bean
    Templates templates(TemplateLimits limits) {
        return new Templates(limits);
    }
}
