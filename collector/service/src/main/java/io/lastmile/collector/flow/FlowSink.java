package io.lastmile.collector.flow;

/**
 * Where decoded flows go after the decoder (the per-subscriber aggregation, the NOC's unmatched
 * traffic). Called on a decoder worker thread; the flow is reused after the call returns.
 */
public interface FlowSink {

    void accept(FlowRecord flow);
}
