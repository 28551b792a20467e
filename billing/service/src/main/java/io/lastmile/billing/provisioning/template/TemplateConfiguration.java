package io.lastmile.billing.provisioning.template;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link TemplateLimits} ({@code lastmile.billing.templates.*}); whoever builds the {@link
 * Templates} bean passes them to {@link Templates#Templates(TemplateLimits)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TemplateLimits.class)
class TemplateConfiguration {}
