/**
 * JMH micro-benchmarks of the wire serdes and of the engine's per-record path, with the warm states
 * they start from. Uses only the application's public classes; nothing in the application imports
 * this package.
 */
package io.burnrate.benchmarks;
