package io.burnrate.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Burnrate's own counters, with the meters cached so the record path does no registry lookup. */
public final class PipelineMetrics {
  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

  public PipelineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void recordIn(String topic) {
    counter("burnrate.records.in", "topic", topic).increment();
  }

  public void deadLetter(String topic, String reason) {
    String reasonTag = reason.startsWith("invalid:") ? "invalid" : reason;
    counter("burnrate.dead.letters", "topic", topic, "reason", reasonTag).increment();
    if (DeadLetters.LATE.equals(reason)) {
      counter("burnrate.records.late", "topic", topic).increment();
    }
  }

  public void duplicate(String topic) {
    counter("burnrate.records.duplicate", "topic", topic).increment();
  }

  public void correction(String topic) {
    counter("burnrate.billing.corrections", "topic", topic).increment();
  }

  public void ignored(String topic, String why) {
    counter("burnrate.records.ignored", "topic", topic, "why", why).increment();
  }

  public void alert(String rule, String severity, String status) {
    counter("burnrate.alerts", "rule", rule, "severity", severity, "status", status).increment();
  }

  public void command(String action, boolean dryRun) {
    counter("burnrate.commands", "action", action, "dry_run", String.valueOf(dryRun)).increment();
  }

  /**
   * A record of {@code topic} that could not be read because the schema registry did not answer; it
   * is read again, not dead-lettered.
   */
  public void registryUnavailable(String topic) {
    counter("burnrate.registry.unavailable", "topic", topic).increment();
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join("|", tags);
    Counter counter = counters.get(key);
    if (counter == null) {
      counter = counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
    return counter;
  }
}
