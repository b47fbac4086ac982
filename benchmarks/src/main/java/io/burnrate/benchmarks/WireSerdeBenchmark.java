package io.burnrate.benchmarks;

import io.burnrate.config.TopicNames;
import io.burnrate.schema.BillingEvent;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.InferenceRequest;
import io.burnrate.schema.ReplicaEvent;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.AvroWireSerializer;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.serde.JsonSerde;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The wire serdes once warm: Confluent-framed Avro inputs decoded into their records, the Avro outputs
 * and the hourly metrics JSON encoded. Schemas are registered and writer schemas resolved in the
 * setup, so no invocation touches the registry, as in a running application.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WireSerdeBenchmark {
  private static final TopicNames TOPICS = TopicNames.DEFAULTS;

  InMemorySchemaRegistryClient registry;
  AvroWireDeserializer<InferenceRequest> requests;
  AvroWireDeserializer<ReplicaEvent> replicas;
  AvroWireDeserializer<BillingEvent> bills;
  byte[] requestBytes;
  byte[] replicaBytes;
  byte[] billBytes;

  AvroWireSerializer<CostAlert> alerts;
  AvroWireSerializer<ScalingCommand> commands;
  Serializer<Map<String, Object>> metrics;
  CostAlert alert;
  ScalingCommand command;
  Map<String, Object> hourlyMetrics;

  @Setup
  public void setUp() {
    registry = new InMemorySchemaRegistryClient();
    requestBytes = new AvroWireSerializer<>(registry, InferenceRequest.class, true)
        .serialize(TOPICS.requests(), WireRecords.request());
    replicaBytes = new AvroWireSerializer<>(registry, ReplicaEvent.class, true)
        .serialize(TOPICS.replicas(), WireRecords.replicaEvent());
    billBytes = new AvroWireSerializer<>(registry, BillingEvent.class, true)
        .serialize(TOPICS.billing(), WireRecords.billingEvent());

    requests = new AvroWireDeserializer<>(registry, InferenceRequest.class);
    replicas = new AvroWireDeserializer<>(registry, ReplicaEvent.class);
    bills = new AvroWireDeserializer<>(registry, BillingEvent.class);
    requests.deserialize(TOPICS.requests(), requestBytes);
    replicas.deserialize(TOPICS.replicas(), replicaBytes);
    bills.deserialize(TOPICS.billing(), billBytes);

    alert = WireRecords.costAlert();
    command = WireRecords.scalingCommand();
    hourlyMetrics = WireRecords.hourlyMetrics();
    alerts = new AvroWireSerializer<>(registry, CostAlert.class, true);
    commands = new AvroWireSerializer<>(registry, ScalingCommand.class, true);
    metrics = JsonSerde.forMaps().serializer();
    alerts.serialize(TOPICS.alerts(), alert);
    commands.serialize(TOPICS.commands(), command);
  }

  @Benchmark
  public void deserializeInferenceRequest(Blackhole blackhole) {
    blackhole.consume(requests.deserialize(TOPICS.requests(), requestBytes));
  }

  @Benchmark
  public void deserializeReplicaEvent(Blackhole blackhole) {
    blackhole.consume(replicas.deserialize(TOPICS.replicas(), replicaBytes));
  }

  @Benchmark
  public void deserializeBillingEvent(Blackhole blackhole) {
    blackhole.consume(bills.deserialize(TOPICS.billing(), billBytes));
  }

  @Benchmark
  public void serializeCostAlert(Blackhole blackhole) {
    blackhole.consume(alerts.serialize(TOPICS.alerts(), alert));
  }

  @Benchmark
  public void serializeScalingCommand(Blackhole blackhole) {
    blackhole.consume(commands.serialize(TOPICS.commands(), command));
  }

  @Benchmark
  public void serializeHourlyMetricsJson(Blackhole blackhole) {
    blackhole.consume(metrics.serialize(TOPICS.hourlyMetrics(), hourlyMetrics));
  }
}
