package io.lastmile.collector.flow;

/** The export protocols the collector decodes. */
public enum FlowProtocol {
    NETFLOW_V5,
    NETFLOW_V9,
    IPFIX,
    SFLOW_V5
}
