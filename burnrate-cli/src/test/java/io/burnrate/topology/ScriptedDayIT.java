package io.burnrate.topology;

import io.burnrate.testing.PipelineDriver;
import io.burnrate.testing.Records;
import static io.burnrate.testing.Records.config;
import static io.burnrate.testing.Records.replica;
import static io.burnrate.testing.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.local.LocalStackExtension;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.AlertStatus;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ReplicaEventType;
import io.burnrate.schema.ScalingAction;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3's acceptance: one scripted day on the real broker and registry, exactly-once, yields exactly
 * the expected alerts and commands, nothing for a healthy endpoint, and poison in the dead-letter topic
 * while the pipeline goes on.
 *
 * <p>The whole day is in the topics before the pipeline starts, so records are processed in event-time
 * order across the four inputs and the outcome is fixed. The replay lag is 0: this is the live run of
 * that day, so commands are real ({@code dry_run} false); that past days replayed give dry runs is
 * {@link LiveReplayIT}'s to show.
 *
 * <p>Each endpoint lands on its own partition, so each has its own stream time (the tick is per
 * task), moved only by its own records: the instants at which its rules are evaluated are the ones
 * the script gives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptedDayIT {
  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension();

  private static final TopicNames TOPICS = TopicNames.DEFAULTS;
  /**
   * Three days back: recent enough that the broker's time retention (a week) keeps the outputs,
   * which carry their event time as record timestamp.
   */
  private static final Instant DAY =
      LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
  /** The budget day's end plus the 48 h billing grace: the budget tiers resolve here. */
  private static final Instant GRACE_OVER = DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(48));

  private static final String SPIRAL = "spiral";
  private static final String OVERBUDGET = "overbudget";
  private static final String HEALTHY = "healthy";
  private static final String FALLBACK = "overflow-pool";

  /** overbudget: two replicas at $5/h from midnight, against a $100 budget. */
  private static final int OVERBUDGET_REPLICAS = 2;
  private static final long OVERBUDGET_MICROS_PER_HOUR = 5_000_000L;
  private static final long OVERBUDGET_BUDGET_MICROS = 100_000_000L;

  private final List<DeadLetter> poison = new ArrayList<>();
  private OutputReader.Outputs out;

  /** A record the pipeline must dead-letter, byte for byte. */
  private record DeadLetter(String reason, String topic, String key, byte[] value) {}

  @BeforeAll
  @Timeout(120)
  void runTheDay() {
    int partitions = LOCAL.stack().topics().get(TOPICS.requests());
    assertThat(Set.of(WireProducer.partitionOf(SPIRAL, partitions), WireProducer.partitionOf(OVERBUDGET, partitions),
        WireProducer.partitionOf(HEALTHY, partitions))).as("one partition per endpoint").hasSize(3);
    SchemaRegistryClient registry = BrokerPipeline.registry(LOCAL);
    DayScript script = new DayScript();
    spiral(script);
    overbudget(script);
    healthy(script);
    try (WireProducer producer = new WireProducer(LOCAL.bootstrapServers(), registry)) {
      poison(script, producer);
      producer.sendAll(script.inArrivalOrder());
    }
    try (BrokerPipeline pipeline = BrokerPipeline.start(
            LOCAL, "scripted-day", Map.of(BurnrateConfig.REPLAY_LAG, "0"), Clock.systemUTC());
        OutputReader reader = new OutputReader(LOCAL.bootstrapServers(), registry)) {
      pipeline.awaitCaughtUp(Duration.ofSeconds(90));
      out = reader.readUntilQuiet(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }
  }

  // ---- the script ----

  /**
   * spiral: min_replicas 0 and spiky traffic: 14 spikes five minutes apart from 09:00, each a cold
   * start (26 GB x $0.09 = $2.34) running three minutes at $1/h; then quiet until one more spike at
   * 12:00. Budget $240, so the hourly rate is $10: the spiral crosses it on purpose, at the fifth cold
   * start (09:20: 5 x $2.34 + 4 x $0.05 = $11.90; at 09:15 only $9.51 and never more before 09:20).
   * Cold starts in 60 minutes pass 10 at the eleventh (09:50). Spiral's next record is the 12:00 spike;
   * before it, the task is moved through every metering step it passes, so each rule resolves at the
   * minute it really cleared: cold starts at 10:16 (the 09:15 one leaves the span), spend at 10:46.
   */
  private static void spiral(DayScript script) {
    script.config(config(SPIRAL).setDailyBudgetUsd(240.0).setMinReplicas(0).build());
    for (int k = 0; k < 14; k++) {
      spike(script, "s" + k, at("09:00").plus(Duration.ofMinutes(5L * k)));
    }
    spike(script, "s14", at("12:00"));
  }

  private static void spike(DayScript script, String replicaId, Instant up) {
    script.replica(replica(SPIRAL, up, replicaId, ReplicaEventType.SCALE_UP, 1).setColdStart(true).build());
    script.request(request(SPIRAL, up.plusSeconds(40)).setColdStart(true).setLatencyMs(38_000.0).build());
    script.replica(replica(SPIRAL, up.plusSeconds(60), replicaId, ReplicaEventType.READY, 1)
        .setStartupMs(60_000L).build());
    for (int i = 0; i < 5; i++) {
      script.request(request(SPIRAL, up.plusSeconds(80 + 20L * i)).build());
    }
    script.replica(replica(SPIRAL, up.plusSeconds(180), replicaId, ReplicaEventType.SCALE_DOWN, 0).build());
  }

  /**
   * overbudget: two warm replicas from 00:00 to 20:30 at $5/h each ($10/h) against $100 a day, one
   * request a minute on the minute (60 an hour: too few for cost-per-request), no bills. Metered spend
   * is exactly $120, $150, $200 at 12:00, 15:00, 20:00, which does not fire (exactly at the threshold
   * never does); overbudget's only records are on the minute, so each tier is detected at the next
   * minute. The hourly rate ($100 / 24 = $4.17) is crossed at 00:26 and clears at 21:05, 35 minutes
   * after the replicas stop. A request far ahead, at the day's end plus the billing grace, resolves
   * the tiers.
   */
  private static void overbudget(DayScript script) {
    script.config(config(OVERBUDGET)
        .setDailyBudgetUsd(100.0)
        .setHourlyPriceUsd(5.0)
        .setMinReplicas(1)
        .setFallbackEndpointId(FALLBACK)
        .build());
    for (int r = 1; r <= OVERBUDGET_REPLICAS; r++) {
      String id = "ob-" + r;
      script.replica(replica(OVERBUDGET, DAY, id, ReplicaEventType.SCALE_UP, r).build());
      script.replica(replica(OVERBUDGET, at("00:01"), id, ReplicaEventType.READY, OVERBUDGET_REPLICAS).build());
      script.replica(replica(OVERBUDGET, at("20:30"), id, ReplicaEventType.SCALE_DOWN, OVERBUDGET_REPLICAS - r)
          .build());
    }
    for (int minute = 0; minute < 24 * 60; minute++) {
      script.request(request(OVERBUDGET, DAY.plus(Duration.ofMinutes(minute))).build());
    }
    script.request(request(OVERBUDGET, GRACE_OVER).build());
  }

  /**
   * healthy: one warm replica 06:00-22:00 at $1/h against $120 a day ($5/h), a request every 4 s
   * taking 450 ms (utilization 11 %, p95 under 500 ms), no errors, no queue: below every rule.
   */
  private static void healthy(DayScript script) {
    script.config(config(HEALTHY).setDailyBudgetUsd(120.0).setMinReplicas(1).build());
    script.replica(replica(HEALTHY, at("06:00"), "h-1", ReplicaEventType.SCALE_UP, 1).build());
    script.replica(replica(HEALTHY, at("06:01"), "h-1", ReplicaEventType.READY, 1).build());
    script.replica(replica(HEALTHY, at("22:00"), "h-1", ReplicaEventType.SCALE_DOWN, 0).build());
    for (Instant t = at("06:01"); t.isBefore(at("22:00")); t = t.plusSeconds(4)) {
      script.request(request(HEALTHY, t).setLatencyMs(450.0).build());
    }
  }

  /**
   * Four bad records, each on the partition of an endpoint that produces later on: undecodable bytes
   * before spiral's day, a replica event with a negative count among overbudget's, a request keyed
   * healthy but for spiral, and a request of 08:00 arriving after healthy's noon.
   */
  private void poison(DayScript script, WireProducer producer) {
    byte[] garbage = "not avro: {\"endpoint_id\": \"spiral\"}".getBytes(StandardCharsets.UTF_8);
    addPoison(script, DAY, new DeadLetter(DeadLetters.DECODE, TOPICS.requests(), SPIRAL, garbage));

    byte[] negative = producer.encode(TOPICS.replicas(),
        replica(OVERBUDGET, at("10:00"), "ob-9", ReplicaEventType.SCALE_UP, -1).build());
    addPoison(script, at("10:00"),
        new DeadLetter(DeadLetters.invalid("replicas_after"), TOPICS.replicas(), OVERBUDGET, negative));

    byte[] misKeyed = producer.encode(TOPICS.requests(), request(SPIRAL, at("07:00").plusSeconds(2)).build());
    addPoison(script, at("07:00").plusSeconds(2),
        new DeadLetter(DeadLetters.KEY_MISMATCH, TOPICS.requests(), HEALTHY, misKeyed));

    byte[] late = producer.encode(TOPICS.requests(), request(HEALTHY, at("08:00").plusSeconds(2)).build());
    addPoison(script, at("12:00").plusSeconds(1),
        new DeadLetter(DeadLetters.LATE, TOPICS.requests(), HEALTHY, late));
  }

  private void addPoison(DayScript script, Instant arrival, DeadLetter letter) {
    poison.add(letter);
    script.add(arrival, letter.topic(), letter.key(), letter.value());
  }

  // ---- the day as a whole ----

  @Test
  void theDayYieldsExactlyTheExpectedAlertsAndCommands() {
    // The forecast and the hourly utilization rule are checked on their own below.
    assertThat(out.alerts())
        .filteredOn(a -> a.getRule() != AlertRule.BUDGET_FORECAST && a.getRule() != AlertRule.LOW_UTILIZATION)
        .extracting(a -> tuple(a.getEndpointId(), a.getRule(), a.getStatus()))
        .containsExactlyInAnyOrder(
            tuple(SPIRAL, AlertRule.HOURLY_SPEND_RATE, AlertStatus.FIRING),
            tuple(SPIRAL, AlertRule.COLD_START_FREQUENCY, AlertStatus.FIRING),
            tuple(SPIRAL, AlertRule.HOURLY_SPEND_RATE, AlertStatus.RESOLVED),
            tuple(SPIRAL, AlertRule.COLD_START_FREQUENCY, AlertStatus.RESOLVED),
            tuple(OVERBUDGET, AlertRule.HOURLY_SPEND_RATE, AlertStatus.FIRING),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_120, AlertStatus.FIRING),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_150, AlertStatus.FIRING),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_200, AlertStatus.FIRING),
            tuple(OVERBUDGET, AlertRule.HOURLY_SPEND_RATE, AlertStatus.RESOLVED),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_120, AlertStatus.RESOLVED),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_150, AlertStatus.RESOLVED),
            tuple(OVERBUDGET, AlertRule.DAILY_BUDGET_200, AlertStatus.RESOLVED));
    assertThat(out.commands().stream().sorted(Comparator.comparing(ScalingCommand::getIssuedAt)).toList())
        .extracting(c -> tuple(c.getEndpointId(), c.getAction(), c.getTargetReplicas(), c.getRouteTo(),
            c.getIssuedAt()))
        .containsExactly(
            tuple(SPIRAL, ScalingAction.SET_MIN_REPLICAS, 1, null, at("09:50")),
            tuple(OVERBUDGET, ScalingAction.SCALE_DOWN, 1, null, at("12:01")),
            tuple(OVERBUDGET, ScalingAction.ROUTE_OVERFLOW, null, FALLBACK, at("15:01")),
            tuple(OVERBUDGET, ScalingAction.SHUTDOWN, 0, null, at("20:01")));
    assertThat(out.commands()).allSatisfy(c -> {
      assertThat(c.getDryRun()).as("a live run's command").isFalse();
      assertThat(c.getExpiresAt()).isEqualTo(c.getIssuedAt().plus(Duration.ofMinutes(10)));
    });
  }

  @Test
  void theForecastWarnsTheOverspendingEndpointsOnceAndOnlyTheyAreIdleEnoughToReport() {
    assertThat(out.alerts())
        .filteredOn(a -> a.getRule() == AlertRule.BUDGET_FORECAST && a.getStatus() == AlertStatus.FIRING)
        .extracting(CostAlert::getEndpointId)
        .containsExactlyInAnyOrder(SPIRAL, OVERBUDGET);
    CostAlert overbudget = only(OVERBUDGET, AlertRule.BUDGET_FORECAST, AlertStatus.FIRING);
    assertThat(overbudget.getDetectedAt()).as("hours before the 120 %% tier at 12:01").isBefore(at("09:00"));
    // overbudget's two replicas serve one request a minute: idle; healthy's are busy, spiral's never run an hour.
    assertThat(out.alerts())
        .filteredOn(a -> a.getRule() == AlertRule.LOW_UTILIZATION)
        .extracting(CostAlert::getEndpointId)
        .containsOnly(OVERBUDGET);
  }

  // ---- spiral ----

  @Test
  void theDeathSpiralFiresColdStartFrequencyOnceWithOneMinReplicasCommandThenResolves() {
    CostAlert firing = only(SPIRAL, AlertRule.COLD_START_FREQUENCY, AlertStatus.FIRING);
    CostAlert resolved = only(SPIRAL, AlertRule.COLD_START_FREQUENCY, AlertStatus.RESOLVED);
    assertThat(firing.getDetectedAt()).isEqualTo(at("09:50"));
    assertThat(firing.getObserved()).isEqualTo(11.0);
    assertThat(firing.getThreshold()).isEqualTo(10.0);
    assertThat(firing.getWindowStart()).isEqualTo(at("08:50"));
    assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
    // 10 at 10:16 is at the line, not 10 % under it; 9 from 10:21, for the 15-minute clear time.
    assertThat(resolved.getDetectedAt()).isEqualTo(at("10:36"));
    assertThat(resolved.getObserved()).isLessThanOrEqualTo(9.0);

    assertThat(commandsOf(SPIRAL)).singleElement().satisfies(c -> {
      assertThat(c.getAction()).isEqualTo(ScalingAction.SET_MIN_REPLICAS);
      assertThat(c.getTargetReplicas()).isEqualTo(1);
      assertThat(c.getAlertId()).isEqualTo(firing.getAlertId());
    });
  }

  @Test
  void theDeathSpiralsTransferCostCrossesTheHourlyRateAtTheFifthColdStart() {
    CostAlert firing = only(SPIRAL, AlertRule.HOURLY_SPEND_RATE, AlertStatus.FIRING);
    CostAlert resolved = only(SPIRAL, AlertRule.HOURLY_SPEND_RATE, AlertStatus.RESOLVED);
    assertThat(firing.getDetectedAt()).isEqualTo(at("09:20"));
    assertThat(firing.getObserved()).isEqualTo(5 * 2.34 + 4 * 0.05, within(1e-9));
    assertThat(firing.getThreshold()).isEqualTo(10.0);
    assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
    // Back at the line at 10:46, 10 % under it from 10:51, for the 15-minute clear time.
    assertThat(resolved.getDetectedAt()).isEqualTo(at("11:06"));
    assertThat(resolved.getObserved()).isLessThanOrEqualTo(0.9 * resolved.getThreshold());
  }

  // ---- overbudget ----

  @Test
  void eachBudgetTierFiresOnceWithinOneMeteringStepOfTheTrueCrossingAndCommandsItsAction() {
    assertTier(AlertRule.DAILY_BUDGET_120, 1.2, at("12:01"), ScalingAction.SCALE_DOWN);
    assertTier(AlertRule.DAILY_BUDGET_150, 1.5, at("15:01"), ScalingAction.ROUTE_OVERFLOW);
    assertTier(AlertRule.DAILY_BUDGET_200, 2.0, at("20:01"), ScalingAction.SHUTDOWN);
  }

  private void assertTier(AlertRule rule, double factor, Instant nextMinuteAfterCrossing, ScalingAction action) {
    long limit = Math.round(OVERBUDGET_BUDGET_MICROS * factor);
    Instant crossing = firstInstantAbove(limit);
    CostAlert firing = only(OVERBUDGET, rule, AlertStatus.FIRING);
    assertThat(firing.getDetectedAt())
        .as("%s detected within one metering step after the true crossing at %s", rule, crossing)
        .isBetween(crossing, crossing.plus(Duration.ofSeconds(60)))
        .isEqualTo(nextMinuteAfterCrossing);
    assertThat(firing.getThreshold()).isEqualTo(limit / 1e6);
    assertThat(firing.getObserved()).isEqualTo(spendAt(nextMinuteAfterCrossing) / 1e6);
    assertThat(firing.getWindowStart()).isEqualTo(DAY);
    assertThat(firing.getWindowEnd()).isEqualTo(DAY.plus(Duration.ofDays(1)));
    assertThat(firing.getOwner()).isEqualTo("team-" + OVERBUDGET);

    CostAlert resolved = only(OVERBUDGET, rule, AlertStatus.RESOLVED);
    assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
    assertThat(resolved.getDetectedAt()).as("a tier resolves when the day plus the billing grace is over")
        .isEqualTo(GRACE_OVER);
    assertThat(resolved.getObserved()).as("the day's final spend: 20.5 h at $10/h").isEqualTo(205.0);

    assertThat(commandsOf(OVERBUDGET)).filteredOn(c -> c.getAction() == action).singleElement()
        .satisfies(c -> {
          assertThat(c.getAlertId()).isEqualTo(firing.getAlertId());
          assertThat(c.getIssuedAt()).isEqualTo(firing.getDetectedAt());
        });
  }

  @Test
  void overbudgetsHourlyRateFiresWhenTwentyFiveMinutesOfSpendAreExceededAndClearsAfterTheReplicasStop() {
    CostAlert firing = only(OVERBUDGET, AlertRule.HOURLY_SPEND_RATE, AlertStatus.FIRING);
    CostAlert resolved = only(OVERBUDGET, AlertRule.HOURLY_SPEND_RATE, AlertStatus.RESOLVED);
    assertThat(firing.getDetectedAt()).isEqualTo(at("00:26"));
    assertThat(firing.getThreshold()).isEqualTo(4.166667);
    assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
    // Back at the line at 21:05, 10 % under it from 21:08, for the 15-minute clear time.
    assertThat(resolved.getDetectedAt()).isEqualTo(at("21:23"));
    assertThat(resolved.getObserved()).isLessThanOrEqualTo(0.9 * resolved.getThreshold());
  }

  /** The first millisecond at which overbudget's metered day spend is above {@code limitMicros}. */
  private static Instant firstInstantAbove(long limitMicros) {
    long low = 0;
    long high = Duration.ofDays(1).toMillis();
    while (low < high) {
      long mid = (low + high) >>> 1;
      if (spendAfter(mid) > limitMicros) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return DAY.plusMillis(low);
  }

  private static long spendAt(Instant t) {
    return spendAfter(Duration.between(DAY, t).toMillis());
  }

  /** Each replica's cost in whole micro-dollars, rounded from its start. */
  private static long spendAfter(long millis) {
    return OVERBUDGET_REPLICAS * Math.round((double) OVERBUDGET_MICROS_PER_HOUR * millis / 3_600_000L);
  }

  // ---- healthy ----

  @Test
  void theHealthyEndpointGetsNoAlertAndNoCommandAndStaysBelowEveryThreshold() {
    assertThat(out.alerts()).noneMatch(a -> a.getEndpointId().equals(HEALTHY));
    assertThat(out.commands()).noneMatch(c -> c.getEndpointId().equals(HEALTHY));

    Map<String, Object> noon = lastMetrics(HEALTHY, at("12:00"));
    assertThat(number(noon, "requests")).as("a request every 4 s; the late one is not counted").isEqualTo(900.0);
    assertThat(number(noon, "utilization")).isGreaterThan(0.10);
    assertThat(number(noon, "p95_latency_ms")).isLessThan(500.0);
    assertThat(number(noon, "error_rate")).isZero();
    assertThat(number(noon, "spend_usd")).isEqualTo(1.0);
  }

  // ---- dead letters ----

  @Test
  void poisonLandsInTheDeadLetterTopicByteForByteAndThePipelineGoesOn() {
    assertThat(out.deadLetters()).hasSameSizeAs(poison);
    for (DeadLetter expected : poison) {
      assertThat(out.deadLetters())
          .as("dead letter %s", expected.reason())
          .filteredOn(r -> expected.reason().equals(PipelineDriver.header(r.headers(), DeadLetters.REASON)))
          .singleElement()
          .satisfies(r -> {
            assertThat(r.key()).isEqualTo(expected.key().getBytes(StandardCharsets.UTF_8));
            assertThat(r.value()).isEqualTo(expected.value());
            assertThat(PipelineDriver.header(r.headers(), DeadLetters.TOPIC)).isEqualTo(expected.topic());
            assertThat(PipelineDriver.header(r.headers(), DeadLetters.PARTITION)).isNotBlank();
            assertThat(PipelineDriver.header(r.headers(), DeadLetters.OFFSET)).isNotBlank();
          });
    }
    // Each poisoned partition produced afterwards: spiral's alerts follow the undecodable record,
    // overbudget's tiers the invalid one (10:00), healthy's last hour the mis-keyed and late ones.
    assertThat(out.alerts()).anyMatch(a -> a.getEndpointId().equals(SPIRAL));
    assertThat(out.alerts()).anyMatch(a -> a.getEndpointId().equals(OVERBUDGET)
        && a.getDetectedAt().isAfter(at("10:00")));
    assertThat(number(lastMetrics(HEALTHY, at("21:00")), "requests")).isEqualTo(900.0);
  }

  // ---- helpers ----

  private static Instant at(String hhmm) {
    return DAY.plus(Duration.ofHours(Integer.parseInt(hhmm.substring(0, 2))))
        .plus(Duration.ofMinutes(Integer.parseInt(hhmm.substring(3, 5))));
  }

  private CostAlert only(String endpoint, AlertRule rule, AlertStatus status) {
    List<CostAlert> matching = out.alerts().stream()
        .filter(a -> a.getEndpointId().equals(endpoint) && a.getRule() == rule && a.getStatus() == status)
        .toList();
    assertThat(matching).as("%s %s %s", endpoint, rule, status).hasSize(1);
    return matching.get(0);
  }

  private List<ScalingCommand> commandsOf(String endpoint) {
    return out.commands().stream().filter(c -> c.getEndpointId().equals(endpoint)).toList();
  }

  private Map<String, Object> lastMetrics(String endpoint, Instant hour) {
    Map<String, Object> last = null;
    for (ConsumerRecord<byte[], Map<String, Object>> r : out.metrics()) {
      Map<String, Object> m = r.value();
      if (endpoint.equals(m.get("endpoint_id")) && ((Number) m.get("timestamp")).longValue() == hour.toEpochMilli()) {
        last = m;
      }
    }
    assertThat(last).as("metrics of %s for the hour from %s", endpoint, hour).isNotNull();
    return last;
  }

  private static double number(Map<String, Object> metrics, String field) {
    Object value = metrics.get(field);
    assertThat(value).as(field).isInstanceOf(Number.class);
    return ((Number) value).doubleValue();
  }
}
