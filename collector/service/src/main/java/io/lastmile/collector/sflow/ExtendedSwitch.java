package io.lastmile.collector.sflow;

import io.lastmile.collector.flow.DropReason;
import java.nio.ByteBuffer;

/**
 * Extended switch data (flow record 0:1001): source VLAN and priority, destination VLAN and
 * priority. The flow's VLAN is the source (incoming) VLAN, else the destination VLAN; it wins over
 * a tag seen in the raw header, since the switch knows untagged ports' VLANs too.
 */
final class ExtendedSwitch {

    private static final int SIZE = 16;
    private static final long VLAN_MASK = 0xFFF;

    private ExtendedSwitch() {}

    static DropReason decode(ByteBuffer b, int p, int end, SflowState s) {
        if (end - p < SIZE) {
            return DropReason.BAD_LENGTH;
        }
        long srcVlan = Xdr.u32(b, p) & VLAN_MASK;
        long dstVlan = Xdr.u32(b, p + 8) & VLAN_MASK;
        s.sawSwitch = true;
        s.switchVlan = (int) (srcVlan != 0 ? srcVlan : dstVlan);
        return null;
    }
}
