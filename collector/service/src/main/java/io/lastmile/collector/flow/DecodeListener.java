package io.lastmile.collector.flow;

/**
 * What a decoder reports while it reads one packet. Calls come on the decoding thread; the flow
 * passed is reused for the next record (copy it to keep it).
 */
public interface DecodeListener {

    void flow(FlowRecord flow);

    /** One drop of a packet, set or record, with the reason; counted per exporter. */
    void dropped(DropReason reason);

    /** A template (or options template) was learnt, redefined or withdrawn. */
    default void templatesChanged(int known) {}

    /** sFlow's generic interface counters, kept for the NOC. */
    default void counters(InterfaceCounters counters) {}
}
