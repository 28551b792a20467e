package io.lastmile.billing.traffic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(TrafficProperties.class)
class TrafficConfiguration {}
