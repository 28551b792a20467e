package io.lastmile.collector.netflow.template;

import java.util.Arrays;

/**
 * A template or options template compiled for decoding: per field its target ({@link FieldTarget})
 * and its wire length ({@link #VARIABLE} for IPFIX's variable-length encoding), so that decoding a
 * record is one tight loop over two int arrays. Immutable but for the time it was last refreshed.
 */
public final class Template {
    /** The wire length of a variable-length field (RFC 7011 section 7). */
    public static final int VARIABLE = 65535;

    final long domain;
    final int id;
    final boolean options;
    final int[] types;
    final int[] lengths;
    final int[] targets;
    /** The length of each record, or -1 when a field is variable-length. */
    final int fixedLength;
    /** The shortest a record can be (a variable-length field takes at least one byte). */
    final int minLength;

    volatile long refreshedMillis;

    private Template(long domain, int id, boolean options, int[] types, int[] lengths, int scopeSkips) {
        this.domain = domain;
        this.id = id;
        this.options = options;
        this.types = types;
        this.lengths = lengths;
        this.targets = new int[types.length];
        int fixed = 0;
        int min = 0;
        boolean variable = false;
        for (int i = 0; i < types.length; i++) {
            boolean var = lengths[i] == VARIABLE;
            variable |= var;
            fixed += lengths[i];
            min += var ? 1 : lengths[i];
            targets[i] =
                    i < scopeSkips || var || types[i] < 0 ? FieldTarget.SKIP : FieldTarget.of(types[i], lengths[i]);
        }
        this.fixedLength = variable ? -1 : fixed;
        this.minLength = min;
    }

    /**
     * Compiles a template.
     *
     * @param types per field its type (information element id), or -1 for an enterprise-specific
     *     field (always skipped by its length)
     * @param lengths per field its wire length, {@link #VARIABLE} for a variable-length field
     * @param count how many of the arrays' entries are fields
     * @param scopeSkips how many leading fields to skip whatever their type (NetFlow v9's options
     *     scope fields, whose type numbers are not field types)
     */
    public static Template compile(
            long domain, int id, boolean options, int[] types, int[] lengths, int count, int scopeSkips) {
        return new Template(
                domain, id, options, Arrays.copyOf(types, count), Arrays.copyOf(lengths, count), scopeSkips);
    }

    /** Whether this template has exactly these fields (a refresh rather than a redefinition). */
    public boolean sameLayout(boolean options, int[] types, int[] lengths, int count) {
        return this.options == options
                && this.types.length == count
                && Arrays.equals(this.types, 0, count, types, 0, count)
                && Arrays.equals(this.lengths, 0, count, lengths, 0, count);
    }

    public int id() {
        return id;
    }

    public long domain() {
        return domain;
    }

    public boolean options() {
        return options;
    }

    public int fieldCount() {
        return types.length;
    }

    static long key(long domain, int id) {
        return (domain << 16) | (id & 0xFFFF);
    }
}
