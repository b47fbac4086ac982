/**
 * How spend is known: the price of a replica-hour, the per-slice figures (metered and billed kept
 * apart, per category), and the pro-rata split of a span of time or money across slices. Plain Java.
 */
package io.burnrate.meter;
