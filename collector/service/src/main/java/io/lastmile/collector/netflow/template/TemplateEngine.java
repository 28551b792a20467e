package io.lastmile.collector.netflow.template;

import io.lastmile.collector.flow.DecodeListener;
import io.lastmile.collector.flow.DropReason;
import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import io.lastmile.collector.netflow.NetflowProperties;
import io.lastmile.collector.netflow.SamplingDefaults;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What NetFlow v9 and IPFIX share once a packet's header and sets are read: templates scoped by
 * (exporter, domain, template id) with expiry and redefinition, data sets decoded by them, data
 * held while its template has not come, sampling from options data. The protocol decoders read
 * their own wire structures and call in here.
 */
public final class TemplateEngine {

    /** Set id and length, before every set of v9 and IPFIX. */
    private static final int SET_HEADER = 4;

    private final FlowProtocol protocol;
    private final NetflowProperties limits;
    private final SamplingDefaults sampling;
    private final long templateTimeoutMillis;
    private final long holdMillis;
    private final ConcurrentHashMap<InetAddress, ExporterState> exporters = new ConcurrentHashMap<>();
    private final AtomicLong heldTotal = new AtomicLong();

    public TemplateEngine(FlowProtocol protocol, NetflowProperties limits) {
        this.protocol = protocol;
        this.limits = limits;
        this.sampling = new SamplingDefaults(limits.samplingRates());
        this.templateTimeoutMillis = limits.templateTimeout().toMillis();
        this.holdMillis = limits.holdTime().toMillis();
    }

    /** The exporter's state, created on its first packet; null (counted) past the exporter bound. */
    public ExporterState exporter(InetAddress exporter, long nowMillis, DecodeListener out) {
        ExporterState s = exporters.get(exporter);
        if (s == null) {
            if (exporters.size() >= limits.maxExporters()) {
                out.dropped(DropReason.LIMIT_REACHED);
                return null;
            }
            s = exporters.computeIfAbsent(
                    exporter,
                    a -> new ExporterState(
                            a,
                            protocol,
                            limits.maxTemplatesPerExporter(),
                            limits.maxFieldsPerTemplate(),
                            sampling.rate(a)));
        }
        s.lastSeenMillis = nowMillis;
        return s;
    }

    /**
     * Learns the template whose fields are in the state's {@link ExporterState#fieldTypes()} and
     * {@link ExporterState#fieldLengths()}: a refresh if it is the same, a redefinition otherwise;
     * then decodes the data held for it.
     */
    public void learn(
            ExporterState s, int id, boolean options, int count, int scopeSkips, long nowMillis, DecodeListener out) {
        long key = Template.key(s.domain, id);
        Template old = s.templates.get(key);
        if (old != null && old.sameLayout(options, s.fieldTypes, s.fieldLengths, count)) {
            old.refreshedMillis = nowMillis;
            return;
        }
        Template t = Template.compile(s.domain, id, options, s.fieldTypes, s.fieldLengths, count, scopeSkips);
        t.refreshedMillis = nowMillis;
        if (!s.templates.put(key, t)) {
            out.dropped(DropReason.LIMIT_REACHED);
            return;
        }
        out.templatesChanged(s.templates.size());
        replay(s, id, nowMillis, out);
    }

    /** Withdraws one template of the packet's domain (IPFIX). */
    public void withdraw(ExporterState s, int id, DecodeListener out) {
        if (s.templates.remove(Template.key(s.domain, id)) != null) {
            out.templatesChanged(s.templates.size());
        }
    }

    /** Withdraws all templates (or all options templates) of the packet's domain (IPFIX). */
    public void withdrawAll(ExporterState s, boolean options, DecodeListener out) {
        long domain = s.domain;
        if (s.templates.removeIf(k -> false, t -> t.domain == domain && t.options == options) > 0) {
            out.templatesChanged(s.templates.size());
        }
    }

    /** Reads a protocol's template and options-template sets (set ids below 256). */
    @FunctionalInterface
    public interface TemplateSets {
        /** @return false when {@code setId} is no template set of the protocol */
        boolean read(ExporterState s, int setId, ByteBuffer b, int body, int end, long nowMillis, DecodeListener out);
    }

    /**
     * Walks the sets of one v9 or IPFIX packet, from {@code pos} to {@code end}: ids 256 and above
     * are data sets, lower ones go to the protocol's {@code templates} (others are counted as
     * unknown); a set whose length is short or runs past the end stops the walk, counted.
     */
    public void sets(
            ExporterState s,
            ByteBuffer b,
            int pos,
            int end,
            long nowMillis,
            DecodeListener out,
            TemplateSets templates) {
        while (end - pos >= SET_HEADER) {
            int id = b.getShort(pos) & 0xFFFF;
            int length = b.getShort(pos + 2) & 0xFFFF;
            if (length < SET_HEADER) {
                out.dropped(DropReason.BAD_LENGTH);
                return;
            }
            if (length > end - pos) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            int body = pos + SET_HEADER;
            int setEnd = pos + length;
            if (id >= 256) {
                data(s, id, b, body, setEnd, nowMillis, out);
            } else if (!templates.read(s, id, b, body, setEnd, nowMillis, out)) {
                out.dropped(DropReason.UNKNOWN_RECORD);
            }
            pos = setEnd;
        }
    }

    /** A data set (its body, from start to end) for template {@code id}: decoded, or held. */
    public void data(ExporterState s, int id, ByteBuffer b, int start, int end, long nowMillis, DecodeListener out) {
        long key = Template.key(s.domain, id);
        Template t = s.templates.get(key);
        if (t != null && nowMillis - t.refreshedMillis > templateTimeoutMillis) {
            s.templates.remove(key);
            out.templatesChanged(s.templates.size());
            t = null;
        }
        if (t != null) {
            decodeSet(s, t, b, start, end, out);
        } else if (end > start) {
            hold(s, id, b, start, end, nowMillis, out);
        }
    }

    private void decodeSet(ExporterState s, Template t, ByteBuffer b, int pos, int end, DecodeListener out) {
        FlowRecord f = s.flow;
        RecordScratch sc = s.scratch;
        int min = t.minLength;
        while (end - pos >= min) {
            f.clearFields();
            sc.reset();
            int next = RecordReader.read(b, pos, end, t, f, sc);
            if (next < 0) {
                out.dropped(DropReason.TRUNCATED);
                return;
            }
            pos = next;
            if (t.options) {
                options(s, sc, out);
            } else {
                RecordFinisher.finish(s, f, sc);
                out.flow(f);
            }
        }
        if (end - pos >= 4) {
            // more than padding left, yet less than a record: the set is shorter than its records
            out.dropped(DropReason.TRUNCATED);
        }
    }

    private static void options(ExporterState s, RecordScratch sc, DecodeListener out) {
        long rate = sc.statedSamplingRate();
        boolean kept = true;
        if (rate > 0) {
            kept = sc.samplerId >= 0
                    ? s.samplerRates.put(RecordFinisher.samplerKey(s.domain, sc.samplerId), rate)
                    : s.domainRates.put(s.domain, rate);
        }
        if (sc.systemInitMillis >= 0) {
            kept &= s.systemInit.put(s.domain, sc.systemInitMillis);
        }
        if (!kept) {
            out.dropped(DropReason.LIMIT_REACHED);
        }
    }

    private void hold(ExporterState s, int id, ByteBuffer b, int start, int end, long nowMillis, DecodeListener out) {
        byte[] body = new byte[end - start];
        HeldSet set = new HeldSet(s.domain, id, s.uptimeMillis, s.exportSeconds, nowMillis, body);
        int cost = set.cost();
        if (cost > limits.holdBytesPerExporter() || cost > limits.holdBytesTotal()) {
            out.dropped(DropReason.HOLD_BUFFER_FULL);
            return;
        }
        while (s.heldBytes + cost > limits.holdBytesPerExporter() || heldTotal.get() + cost > limits.holdBytesTotal()) {
            HeldSet oldest = s.held.pollFirst();
            if (oldest == null) {
                out.dropped(DropReason.HOLD_BUFFER_FULL);
                return;
            }
            release(s, oldest);
            out.dropped(DropReason.HOLD_BUFFER_FULL);
        }
        b.get(start, body);
        s.held.addLast(set);
        s.heldBytes += cost;
        heldTotal.addAndGet(cost);
    }

    private void release(ExporterState s, HeldSet set) {
        s.heldBytes -= set.cost();
        heldTotal.addAndGet(-set.cost());
    }

    private void replay(ExporterState s, int id, long nowMillis, DecodeListener out) {
        if (s.held.isEmpty()) {
            return;
        }
        long domain = s.domain;
        long uptime = s.uptimeMillis;
        long export = s.exportSeconds;
        for (Iterator<HeldSet> it = s.held.iterator(); it.hasNext(); ) {
            HeldSet set = it.next();
            if (set.domain() != domain || set.templateId() != id) {
                continue;
            }
            it.remove();
            release(s, set);
            if (nowMillis - set.receivedMillis() > holdMillis) {
                out.dropped(DropReason.TEMPLATE_NOT_RECEIVED);
                continue;
            }
            s.header(domain, set.uptimeMillis(), set.exportSeconds());
            Template t = s.templates.get(Template.key(domain, id));
            decodeSet(s, t, ByteBuffer.wrap(set.body()), 0, set.body().length, out);
        }
        s.header(domain, uptime, export);
    }

    /** Expires held data and stale templates, and forgets idle exporters. */
    public void tick(long nowMillis, DecodeListener out) {
        for (Iterator<ExporterState> it = exporters.values().iterator(); it.hasNext(); ) {
            ExporterState s = it.next();
            synchronized (s) {
                expireHeld(s, nowMillis, out);
                if (s.templates.removeIf(k -> false, t -> nowMillis - t.refreshedMillis > templateTimeoutMillis) > 0) {
                    out.templatesChanged(s.templates.size());
                }
                if (s.templates.size() == 0
                        && s.held.isEmpty()
                        && nowMillis - s.lastSeenMillis > templateTimeoutMillis) {
                    it.remove();
                }
            }
        }
    }

    private void expireHeld(ExporterState s, long nowMillis, DecodeListener out) {
        for (Iterator<HeldSet> it = s.held.iterator(); it.hasNext(); ) {
            HeldSet set = it.next();
            if (nowMillis - set.receivedMillis() > holdMillis) {
                it.remove();
                release(s, set);
                out.dropped(DropReason.TEMPLATE_NOT_RECEIVED);
            }
        }
    }

    /** The templates known for this exporter now (0 when it is unknown). */
    public int templateCount(InetAddress exporter) {
        ExporterState s = exporters.get(exporter);
        return s == null ? 0 : s.templateCount();
    }

    /** Bytes of data held for templates, all exporters together. */
    public long heldBytes() {
        return heldTotal.get();
    }
}
