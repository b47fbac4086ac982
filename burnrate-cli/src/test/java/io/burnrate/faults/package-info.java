/**
 * Fault injection on the real broker: Burnrate instances and the broker in child JVMs, killed, stopped and
 * restarted, their committed outputs compared with a fault-free run of the same input. Imports no
 * topology internals: it sees the pipeline only through its topics, its CLI and its state directory.
 */
package io.burnrate.faults;
