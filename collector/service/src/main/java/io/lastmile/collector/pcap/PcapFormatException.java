package io.lastmile.collector.pcap;

import java.io.IOException;

/** The file is not a capture that can be read: the message says why and what to do. */
public final class PcapFormatException extends IOException {

    public PcapFormatException(String message) {
        super(message);
    }
}
