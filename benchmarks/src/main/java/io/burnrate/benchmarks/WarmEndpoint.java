package io.burnrate.benchmarks;

import io.burnrate.core.Money;
import io.burnrate.core.Time;
import io.burnrate.engine.EndpointEngine;
import io.burnrate.engine.EndpointSettingsResolver;
import io.burnrate.engine.EndpointState;
import io.burnrate.engine.Events;
import io.burnrate.engine.PipelineSettings;
import io.burnrate.engine.StateCodec;
import io.burnrate.meter.Category;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.EndpointConfig;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.util.Random;

/**
 * One healthy endpoint after 26 hours of steady traffic, driven through the engine the way the
 * processor drives it (a tick at each minute boundary before the record that passes it): a warm
 * replica about 17% busy, a request every two seconds, an hourly bill. The state then holds a
 * running replica, the last hour of minutes, a budget day, a full set of trailing hours and seasonal
 * baselines, and no open alert. Its stored form ({@link #stateBytes}) is what a benchmark starts
 * each record from.
 */
final class WarmEndpoint {
  static final String ENDPOINT_ID = "llama-eu";
  static final String REGION = "eu-west-1";
  static final String INSTANCE_TYPE = "nvidia-l4";
  static final int REPLICAS = 1;
  static final double HOURLY_PRICE_USD = 1.20;

  /** A Monday, midnight UTC. */
  private static final long START = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
  private static final long TRAFFIC_MS = 26 * Time.HOUR_MS;
  /** Whole seconds, so the endpoint's clock ends on a whole second. */
  private static final long REQUEST_SPACING_MS = 2_000L;
  private static final long BILL_DELAY_MS = 20 * Time.MINUTE_MS;

  final EndpointEngine engine;
  final EndpointSettings settings;
  final EncodedSlices slices = new EncodedSlices();
  /** The state as the endpoint-state store holds it after the warm-up. */
  final byte[] stateBytes;
  /** The endpoint's event time after the warm-up. */
  final long clock;

  private WarmEndpoint(EndpointEngine engine, EndpointSettings settings, EndpointState state) {
    this.engine = engine;
    this.settings = settings;
    this.stateBytes = drive(state);
    this.clock = state.clock;
  }

  static WarmEndpoint build() {
    PipelineSettings pipeline = PipelineSettings.defaults();
    EndpointSettings settings = new EndpointSettingsResolver(pipeline).resolve(ENDPOINT_ID, config());
    return new WarmEndpoint(new EndpointEngine(pipeline), settings, new EndpointState());
  }

  /** Half a second after the warm-up, so in the same minute: a record there needs no tick first. */
  long nextEventTime() {
    return clock + 500L;
  }

  static EndpointConfig config() {
    return EndpointConfig.newBuilder()
        .setEndpointId(ENDPOINT_ID)
        .setOwner("team-ml")
        .setCriticality(Criticality.NON_CRITICAL)
        .setDailyBudgetUsd(250.0)
        .setHourlyPriceUsd(HOURLY_PRICE_USD)
        .setMinReplicas(1)
        .setMaxReplicas(8)
        .setExpectedMaxReplicas(6)
        .setInstanceType(INSTANCE_TYPE)
        .setRegion(REGION)
        .setModelSizeGb(14.2)
        .build();
  }

  private byte[] drive(EndpointState state) {
    Random random = new Random(42);
    for (int r = 1; r <= REPLICAS; r++) {
      replica(state, ReplicaEventType.SCALE_UP, "r-" + r, START + r * 1_000L, r);
    }
    for (int r = 1; r <= REPLICAS; r++) {
      replica(state, ReplicaEventType.READY, "r-" + r, START + 90_000L + r * 1_000L, REPLICAS);
    }
    long lastTick = Time.minuteStart(START);
    long nextBill = START + Time.HOUR_MS + BILL_DELAY_MS;
    for (long t = START + 2 * Time.MINUTE_MS; t <= START + TRAFFIC_MS; t += REQUEST_SPACING_MS) {
      for (long boundary = lastTick + Time.MINUTE_MS; boundary <= t; boundary += Time.MINUTE_MS) {
        engine.onTick(state, settings, boundary, slices, false);
        lastTick = boundary;
      }
      if (t >= nextBill) {
        long hour = Time.hourStart(nextBill) - Time.HOUR_MS;
        engine.onLineItem(state, settings, hourlyBill(hour), null, slices, false);
        nextBill += Time.HOUR_MS;
      }
      engine.onRequest(state, settings, request(t, random), slices, false);
    }
    return StateCodec.encode(state);
  }

  private void replica(EndpointState state, ReplicaEventType type, String replicaId, long t, int replicasAfter) {
    Events.Replica event = new Events.Replica(ENDPOINT_ID, t, replicaId, type, type == ReplicaEventType.SCALE_UP,
        replicasAfter, INSTANCE_TYPE, REGION, null);
    engine.onReplica(state, settings, event, slices, false);
  }

  private static Events.Request request(long t, Random random) {
    double latencyMs = 200.0 + random.nextDouble() * 280.0;
    int status = random.nextInt(200) == 0 ? 503 : 200;
    return new Events.Request(ENDPOINT_ID, t, REGION, INSTANCE_TYPE, latencyMs, status, false, random.nextInt(4));
  }

  private static Events.LineItem hourlyBill(long hour) {
    return new Events.LineItem("li-" + hour, ENDPOINT_ID, hour, hour + Time.HOUR_MS, Category.COMPUTE,
        Money.micros(REPLICAS * HOURLY_PRICE_USD), REGION, INSTANCE_TYPE);
  }
}
