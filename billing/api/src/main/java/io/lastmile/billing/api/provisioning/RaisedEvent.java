package io.lastmile.billing.api.provisioning;

/** An event as written: whether anything was bound to it (and so whether commands will run). */
public record RaisedEvent(long id, String event, boolean dispatched) {}
