package io.lastmile.collector.decode;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.PacketDecoder;
import io.lastmile.collector.netflow.NetflowProperties;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live listeners' decoders: every protocol, NetFlow's bounds from {@code lastmile.collector.netflow}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetflowProperties.class)
class DecoderConfiguration {

    @Bean
    Map<FlowProtocol, PacketDecoder> flowDecoders(NetflowProperties netflow) {
        StandardDecoders standard = new StandardDecoders(netflow);
        Map<FlowProtocol, PacketDecoder> decoders = new EnumMap<>(FlowProtocol.class);
        for (FlowProtocol protocol : FlowProtocol.values()) {
            decoders.put(protocol, standard.apply(protocol));
        }
        return decoders;
    }
}
