package io.lastmile.collector.netflow.template;

import io.lastmile.collector.flow.FlowProtocol;
import io.lastmile.collector.flow.FlowRecord;
import java.net.InetAddress;
import java.util.ArrayDeque;

/**
 * Everything one exporter's packets leave behind: its templates, sampler rates, held data, and the
 * reused flow and scratch records. Used by one thread at a time: decoders and {@link
 * TemplateEngine#tick} lock it for the length of a packet.
 */
public final class ExporterState {
    static final int MAX_SAMPLERS = 256;
    static final int MAX_DOMAINS = 64;

    final InetAddress exporter;
    final LongObjectMap<Template> templates;
    final LongObjectMap<Long> samplerRates = new LongObjectMap<>(MAX_SAMPLERS);
    final LongObjectMap<Long> domainRates = new LongObjectMap<>(MAX_DOMAINS);
    final LongObjectMap<Long> systemInit = new LongObjectMap<>(MAX_DOMAINS);
    final ArrayDeque<HeldSet> held = new ArrayDeque<>();
    int heldBytes;
    final long configuredRate;
    final FlowRecord flow = new FlowRecord();
    final RecordScratch scratch = new RecordScratch();
    final int[] fieldTypes;
    final int[] fieldLengths;

    /** The header of the packet being decoded. */
    long domain;

    long uptimeMillis = -1;
    long exportSeconds;
    long lastSeenMillis;

    ExporterState(InetAddress exporter, FlowProtocol protocol, int maxTemplates, int maxFields, long rate) {
        this.exporter = exporter;
        this.templates = new LongObjectMap<>(maxTemplates);
        this.fieldTypes = new int[maxFields];
        this.fieldLengths = new int[maxFields];
        this.configuredRate = rate;
        flow.exporter = exporter;
        flow.protocolVersion = protocol;
    }

    /** Room for a template's field types while it is read (as many as a template may have). */
    public int[] fieldTypes() {
        return fieldTypes;
    }

    public int[] fieldLengths() {
        return fieldLengths;
    }

    /** The most fields a template may have. */
    public int maxFields() {
        return fieldTypes.length;
    }

    /** Sets the header of the packet now decoded: its domain (source id) and clocks. */
    public void header(long domain, long uptimeMillis, long exportSeconds) {
        this.domain = domain;
        this.uptimeMillis = uptimeMillis;
        this.exportSeconds = exportSeconds;
    }

    public int templateCount() {
        return templates.size();
    }
}
