/**
 * Threshold logic: each rule's default, severity and unit, per-endpoint overrides, and the alert
 * lifecycle (one FIRING per breach, RESOLVED with the same id). Plain Java; no Kafka imports.
 */
package io.burnrate.rules;
