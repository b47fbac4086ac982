package io.burnrate.engine;

import io.burnrate.core.Money;
import io.burnrate.meter.Category;
import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.rules.Thresholds;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.Criticality;
import io.burnrate.schema.ReplicaEventType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test records with sensible defaults, so that each test states only what matters to it. The
 * default endpoint is a configured, non-critical L4 endpoint in us-east-1 at $1.20 per replica-hour
 * (20,000 micro-dollars a minute) with a $100 daily budget, in UTC.
 */
public final class Fixtures {
  public static final String ENDPOINT = "ep-chat";
  public static final long MINUTE = 60_000L;
  public static final long HOUR = 3_600_000L;

  private Fixtures() {}

  public static long at(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  public static long micros(double usd) {
    return Money.micros(usd);
  }

  // ---- endpoint settings ----

  public static EndpointBuilder endpoint() {
    return new EndpointBuilder();
  }

  public static final class EndpointBuilder {
    private String endpointId = ENDPOINT;
    private boolean configured = true;
    private String owner = "team-search";
    private Criticality criticality = Criticality.NON_CRITICAL;
    private double dailyBudgetUsd = 100.0;
    private Double hourlyPriceUsd = 1.20;
    private int minReplicas = 1;
    private int maxReplicas = 20;
    private int expectedMaxReplicas = 10;
    private String instanceType = "nvidia-l4";
    private String region = "us-east-1";
    private double modelSizeGb = 26.0;
    private String fallbackEndpointId;
    private ZoneId zone = ZoneId.of("UTC");
    private boolean allowEmergencyShutdown;
    private double meterCorrection = 1.0;
    private final Map<AlertRule, Double> thresholds = new EnumMap<>(Thresholds.defaults().asMap());

    public EndpointBuilder id(String value) {
      endpointId = value;
      return this;
    }

    public EndpointBuilder unconfigured() {
      configured = false;
      return this;
    }

    public EndpointBuilder critical() {
      criticality = Criticality.CRITICAL;
      return this;
    }

    public EndpointBuilder budget(double usd) {
      dailyBudgetUsd = usd;
      return this;
    }

    public EndpointBuilder price(Double usdPerHour) {
      hourlyPriceUsd = usdPerHour;
      return this;
    }

    public EndpointBuilder minReplicas(int value) {
      minReplicas = value;
      return this;
    }

    public EndpointBuilder expectedMaxReplicas(int value) {
      expectedMaxReplicas = value;
      return this;
    }

    public EndpointBuilder instance(String type, String inRegion) {
      instanceType = type;
      region = inRegion;
      return this;
    }

    public EndpointBuilder modelSizeGb(double value) {
      modelSizeGb = value;
      return this;
    }

    public EndpointBuilder fallback(String endpointIdToRouteTo) {
      fallbackEndpointId = endpointIdToRouteTo;
      return this;
    }

    public EndpointBuilder zone(String zoneId) {
      zone = ZoneId.of(zoneId);
      return this;
    }

    public EndpointBuilder allowEmergencyShutdown() {
      allowEmergencyShutdown = true;
      return this;
    }

    public EndpointBuilder meterCorrection(double factor) {
      meterCorrection = factor;
      return this;
    }

    public EndpointBuilder threshold(AlertRule rule, double value) {
      thresholds.put(rule, value);
      return this;
    }

    public EndpointSettings build() {
      return new EndpointSettings(endpointId, configured, configured ? owner : null, criticality,
          Money.micros(dailyBudgetUsd), hourlyPriceUsd, minReplicas, maxReplicas, expectedMaxReplicas, instanceType,
          region, modelSizeGb, fallbackEndpointId, zone, allowEmergencyShutdown, Thresholds.of(thresholds),
          meterCorrection);
    }
  }

  // ---- replica events ----

  public static ReplicaBuilder scaleUp(String replicaId, long t) {
    return new ReplicaBuilder(ReplicaEventType.SCALE_UP, replicaId, t);
  }

  public static ReplicaBuilder ready(String replicaId, long t) {
    return new ReplicaBuilder(ReplicaEventType.READY, replicaId, t);
  }

  public static ReplicaBuilder scaleDown(String replicaId, long t) {
    return new ReplicaBuilder(ReplicaEventType.SCALE_DOWN, replicaId, t).after(0);
  }

  public static ReplicaBuilder failed(String replicaId, long t) {
    return new ReplicaBuilder(ReplicaEventType.FAILED, replicaId, t).after(0);
  }

  public static final class ReplicaBuilder {
    private final ReplicaEventType type;
    private final String replicaId;
    private final long timestamp;
    private String endpointId = ENDPOINT;
    private boolean coldStart;
    private int replicasAfter = 1;
    private String instanceType = "nvidia-l4";
    private String region = "us-east-1";
    private Double modelSizeGb;

    private ReplicaBuilder(ReplicaEventType type, String replicaId, long timestamp) {
      this.type = type;
      this.replicaId = replicaId;
      this.timestamp = timestamp;
    }

    public ReplicaBuilder endpoint(String value) {
      endpointId = value;
      return this;
    }

    public ReplicaBuilder coldStart() {
      coldStart = true;
      return this;
    }

    public ReplicaBuilder after(int replicas) {
      replicasAfter = replicas;
      return this;
    }

    public ReplicaBuilder instance(String type, String inRegion) {
      instanceType = type;
      region = inRegion;
      return this;
    }

    public ReplicaBuilder modelSizeGb(double value) {
      modelSizeGb = value;
      return this;
    }

    public Events.Replica build() {
      return new Events.Replica(endpointId, timestamp, replicaId, type, coldStart, replicasAfter, instanceType, region,
          modelSizeGb);
    }
  }

  // ---- requests ----

  public static RequestBuilder request(long t) {
    return new RequestBuilder(t);
  }

  public static final class RequestBuilder {
    private final long timestamp;
    private String endpointId = ENDPOINT;
    private double latencyMs = 100.0;
    private int statusCode = 200;
    private boolean coldStart;
    private Integer queueDepth;

    private RequestBuilder(long timestamp) {
      this.timestamp = timestamp;
    }

    public RequestBuilder latency(double ms) {
      latencyMs = ms;
      return this;
    }

    public RequestBuilder status(int code) {
      statusCode = code;
      return this;
    }

    public RequestBuilder coldStart() {
      coldStart = true;
      return this;
    }

    public RequestBuilder queueDepth(int value) {
      queueDepth = value;
      return this;
    }

    public Events.Request build() {
      return new Events.Request(endpointId, timestamp, "us-east-1", "nvidia-l4", latencyMs, statusCode, coldStart,
          queueDepth);
    }
  }

  // ---- billing line items ----

  /** A COMPUTE line item for {@code usd} over [start, end). */
  public static LineItemBuilder lineItem(String lineItemId, long start, long end, double usd) {
    return new LineItemBuilder(lineItemId, start, end, Money.micros(usd));
  }

  /** A COMPUTE line item at one instant. */
  public static LineItemBuilder instantBill(String lineItemId, long t, double usd) {
    return new LineItemBuilder(lineItemId, t, t, Money.micros(usd));
  }

  public static final class LineItemBuilder {
    private final String lineItemId;
    private final long usageStart;
    private final long usageEnd;
    private long costMicros;
    private int category = Category.COMPUTE;

    private LineItemBuilder(String lineItemId, long usageStart, long usageEnd, long costMicros) {
      this.lineItemId = lineItemId;
      this.usageStart = usageStart;
      this.usageEnd = usageEnd;
      this.costMicros = costMicros;
    }

    public LineItemBuilder category(BillingCategory value) {
      category = Category.of(value);
      return this;
    }

    public LineItemBuilder costMicros(long value) {
      costMicros = value;
      return this;
    }

    public Events.LineItem build() {
      return new Events.LineItem(lineItemId, ENDPOINT, usageStart, usageEnd, category, costMicros, "us-east-1",
          "nvidia-l4");
    }
  }

  // ---- slices ----

  /** The engine's slice store as an in-memory map. */
  public static final class MapSlices implements SliceAccess {
    private final Map<String, TreeMap<Long, SliceStats>> byEndpoint = new HashMap<>();

    @Override
    public SliceStats get(String endpointId, long sliceStart) {
      TreeMap<Long, SliceStats> slices = byEndpoint.get(endpointId);
      return slices == null ? null : slices.get(sliceStart);
    }

    @Override
    public void put(String endpointId, SliceStats stats) {
      byEndpoint.computeIfAbsent(endpointId, id -> new TreeMap<>()).put(stats.sliceStart, stats);
    }

    private final Map<String, byte[]> baselines = new HashMap<>();

    @Override
    public byte[] baselines(String endpointId) {
      return baselines.get(endpointId);
    }

    @Override
    public void putBaselines(String endpointId, byte[] bytes) {
      baselines.put(endpointId, bytes);
    }

    /** Every slice of the endpoint, by slice start. */
    public TreeMap<Long, SliceStats> all(String endpointId) {
      return byEndpoint.getOrDefault(endpointId, new TreeMap<>());
    }
  }
}
