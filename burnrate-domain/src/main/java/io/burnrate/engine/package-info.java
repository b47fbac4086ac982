/**
 * The per-endpoint engine: meters replicas, splits bills, keeps the running figures per slice, minute
 * and budget day, evaluates the rules on the value after each record and decides commands. Plain
 * Java over plain values; reads and writes slices through {@link io.burnrate.engine.SliceAccess}.
 * Imports nothing from Kafka.
 */
package io.burnrate.engine;
