/**
 * The per-endpoint engine: meters replicas, splits bills, keeps the running figures per slice, minute
 * and budget day, evaluates the rules on the value after each record and decides commands. Plain
 * Java over plain values; reads and writes slices through {@link io.burnrate.engine.SliceAccess}.
 * Imports nothing from Kafka.
 *
 * <p>{@link io.burnrate.engine.EndpointEngine} is the entry point; each call is one {@code Step}
 * (the instant, the outputs, the slices it touched), worked on by one part per concern:
 * {@code RequestRecording}, {@code ReplicaMetering} and {@code BillAllocation} apply a record;
 * {@code ContinuousRules} (sliding spans, baselines, replica count), {@code HourClosing} (closed-hour
 * rules, trailing hours, baselines learning) and {@code BudgetDays} (budget tiers, thrash, forecast)
 * judge the value after it; {@code Alerting} turns readings into episodes, alerts and commands.
 */
package io.burnrate.engine;
