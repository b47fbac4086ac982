/**
 * The rules, one file each, behind one interface per kind of trigger ({@link io.burnrate.rules.SpanRule},
 * {@link io.burnrate.rules.BaselineRule}, {@link io.burnrate.rules.ClosedHourRule}, {@link
 * io.burnrate.rules.BudgetDayRule}, {@link io.burnrate.rules.ReplicaEventRule}), listed in {@link
 * io.burnrate.rules.RuleCatalog}; the one {@link io.burnrate.rules.AlertLifecycle} they all go through;
 * thresholds and lifecycle settings per rule, globally and per endpoint; the regional comparison; and
 * how an alert's figures read. Plain Java; no Kafka imports.
 */
package io.burnrate.rules;
