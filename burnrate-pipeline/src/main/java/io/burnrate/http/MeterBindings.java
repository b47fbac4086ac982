package io.burnrate.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.kafka.streams.KafkaStreams;

/** Micrometer's standard binders for what {@code /metrics} shows besides Burnrate's own counters. */
public final class MeterBindings {
  private MeterBindings() {}

  /**
   * JVM memory, GC, threads, class loading, processor and uptime. Close the result at shutdown (it
   * stops listening to GC notifications).
   */
  public static AutoCloseable bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /**
   * Kafka Streams' client, thread, task and store metrics ({@code kafka_stream_*}) and those of its
   * consumers and producers, once the KafkaStreams instance exists. Close the result before or with it.
   * Store metrics carry the store as {@code store_scope} (such as {@code rocksdb} or {@code
   * rocksdb-window}) and {@code state_id}, the same labels for every kind of store ({@link
   * KafkaMeterRelay}).
   */
  public static AutoCloseable bindKafkaStreams(KafkaStreams streams, MeterRegistry registry) {
    KafkaMeterRelay relay = new KafkaMeterRelay(registry);
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(relay.source());
    return () -> {
      try {
        metrics.close();
      } finally {
        relay.close();
      }
    };
  }
}
