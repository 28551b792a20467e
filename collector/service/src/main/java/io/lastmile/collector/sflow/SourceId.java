package io.lastmile.collector.sflow;

/**
 * A sample's data source (sflow_data_source): a type (0 ifIndex, 1 smonVlanDataSource, 2
 * entPhysicalEntry ...) and an index. Kept as the observation domain: type x 2^24 + index, which is
 * the compact form's 32-bit value as sent, and the same number for the expanded form of the same
 * source.
 */
final class SourceId {

    private SourceId() {}

    static long expanded(long type, long index) {
        return (type << 24) + index;
    }
}
