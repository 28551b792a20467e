package io.lastmile.base.runtime;

/** What the registry says of a module. */
public enum ModuleStatus {
    /** Its process runs and its health endpoint answers UP. */
    UP,
    /** Its process runs (or is about to) but has not answered healthy yet. */
    STARTING,
    /** Not running, or running but unhealthy; base restarts it. */
    DOWN,
    /** Switched off in the configuration. */
    DISABLED
}
