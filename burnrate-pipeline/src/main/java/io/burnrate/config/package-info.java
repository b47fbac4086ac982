/**
 * Typed, validated settings: Burnrate's own keys (with defaults, ranges and docs) and the Kafka keys
 * that pass through. Must not import topology or CLI classes.
 */
package io.burnrate.config;
