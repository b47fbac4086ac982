/**
 * Plain values every room shares: money in micro-dollars, event-time arithmetic (hours, budget days,
 * accounting slices) and deterministic ids. Imports nothing from Kafka.
 */
package io.burnrate.core;
