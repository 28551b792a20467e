package io.lastmile.platform.registry;

/**
 * One module as the supervisor's registry shows it.
 *
 * @param status UP, STARTING, DOWN or DISABLED
 * @param pid the process id, or null when it is not running
 * @param rssMb resident memory of the process, or null when it is not running
 */
public record ModuleView(String name, String url, String status, Long pid, Long rssMb) {}
