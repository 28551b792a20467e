package io.lastmile.collector.netflow.template;

/**
 * A data set that came before its template, kept with the packet header it came in (times are
 * relative to it) until the template comes or the hold time ends.
 */
record HeldSet(long domain, int templateId, long uptimeMillis, long exportSeconds, long receivedMillis, byte[] body) {

    /** What it costs against the hold bounds: its bytes and a fixed overhead for the object. */
    int cost() {
        return body.length + 64;
    }
}
