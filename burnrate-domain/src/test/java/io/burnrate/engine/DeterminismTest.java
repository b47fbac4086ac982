package io.burnrate.engine;

import static io.burnrate.engine.Fixtures.at;
import static io.burnrate.engine.Fixtures.endpoint;
import static io.burnrate.engine.Fixtures.instantBill;
import static io.burnrate.engine.Fixtures.lineItem;
import static io.burnrate.engine.Fixtures.ready;
import static io.burnrate.engine.Fixtures.request;
import static io.burnrate.engine.Fixtures.scaleDown;
import static io.burnrate.engine.Fixtures.scaleUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.meter.SliceStats;
import io.burnrate.rules.EndpointSettings;
import io.burnrate.schema.AlertRule;
import io.burnrate.schema.BillingCategory;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The same calls on fresh state give equal outputs; so does a run restarted from its encoded state. */
class DeterminismTest {
  private static final long H10 = at("2025-06-02T14:00:00Z"); // 10:00 in New York
  private static final long MIN = Fixtures.MINUTE;
  private static final long HOUR = Fixtures.HOUR;

  private static final EndpointSettings ENDPOINT = endpoint().budget(20.0).minReplicas(0).expectedMaxReplicas(3)
      .fallback("ep-chat-small").zone("America/New_York").build();

  /** A busy day: a cold-start burst, runaway scaling, requests, bills, a correction, and the day's end. */
  private static List<Consumer<EngineRun>> day() {
    List<Consumer<EngineRun>> steps = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      int n = i;
      long t = H10 + (i - 1) * 4 * MIN;
      steps.add(run -> run.replica(scaleUp("r" + n, t).coldStart().after(Math.min(n, 5))));
      steps.add(run -> run.replica(ready("r" + n, t + 90_000).after(Math.min(n, 5))));
      if (n > 5) {
        steps.add(run -> run.replica(scaleDown("r" + (n - 5), t + 2 * MIN).after(5)));
      }
    }
    for (int i = 0; i < 400; i++) {
      long t = H10 + i * 45_000L;
      int n = i;
      steps.add(run -> run.request(request(t).latency(80 + (n * 37) % 900).status(n % 97 == 0 ? 503 : 200)));
      if (i % 20 == 19) {
        steps.add(run -> run.tick(t));
      }
    }
    steps.add(run -> run.bill(lineItem("li-compute", H10, H10 + 2 * HOUR, 9.0)));
    steps.add(run -> run.correct(lineItem("li-compute", H10, H10 + 2 * HOUR, 9.0),
        lineItem("li-compute", H10, H10 + 2 * HOUR, 11.0)));
    steps.add(run -> run.bill(instantBill("li-egress", H10 + 3 * HOUR, 1.5).category(BillingCategory.EGRESS)));
    steps.add(run -> run.ticks(H10 + 5 * HOUR, H10 + 9 * HOUR, 5 * MIN));
    steps.add(run -> run.replica(scaleDown("r8", H10 + 9 * HOUR).after(4)));
    steps.add(run -> run.ticks(H10 + 9 * HOUR, H10 + 70 * HOUR, HOUR));
    return steps;
  }

  private static EngineRun play(List<Consumer<EngineRun>> steps, EngineRun run) {
    steps.forEach(step -> step.accept(run));
    return run;
  }

  @Test
  void sameCallsOnFreshStateGiveEqualAlertsCommandsAndState() {
    EngineRun first = play(day(), new EngineRun(ENDPOINT));
    EngineRun second = play(day(), new EngineRun(ENDPOINT));

    assertThat(first.alerts).extracting(CostAlert::getRule).contains(AlertRule.COLD_START_FREQUENCY,
        AlertRule.RUNAWAY_SCALING, AlertRule.DAILY_BUDGET_120, AlertRule.HOURLY_SPEND_RATE);
    assertThat(first.commands).isNotEmpty();
    assertThat(second.alerts).isEqualTo(first.alerts);
    assertThat(second.commands).isEqualTo(first.commands);
    assertThat(StateCodec.encode(second.state)).isEqualTo(StateCodec.encode(first.state));
    assertThat(encoded(second)).isEqualTo(encoded(first));
  }

  @Test
  void runRestartedFromItsEncodedStateGivesTheSameOutputsAsAnUninterruptedRun() {
    List<Consumer<EngineRun>> steps = day();
    EngineRun uninterrupted = play(steps, new EngineRun(ENDPOINT));

    int half = steps.size() / 2;
    EngineRun beforeRestart = play(steps.subList(0, half), new EngineRun(ENDPOINT));
    EngineRun afterRestart = play(steps.subList(half, steps.size()), beforeRestart.restarted());

    List<CostAlert> alerts = new ArrayList<>(beforeRestart.alerts);
    alerts.addAll(afterRestart.alerts);
    List<ScalingCommand> commands = new ArrayList<>(beforeRestart.commands);
    commands.addAll(afterRestart.commands);
    assertThat(alerts).isEqualTo(uninterrupted.alerts);
    assertThat(commands).isEqualTo(uninterrupted.commands);
    assertThat(StateCodec.encode(afterRestart.state)).isEqualTo(StateCodec.encode(uninterrupted.state));
  }

  /** Every slice of the run, encoded, in hex so that lists compare by content. */
  private static List<String> encoded(EngineRun run) {
    List<String> slices = new ArrayList<>();
    for (SliceStats slice : run.slices.all(ENDPOINT.endpointId()).values()) {
      slices.add(HexFormat.of().formatHex(StateCodec.encode(slice)));
    }
    return slices;
  }
}
