package io.burnrate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.core.Time;
import io.burnrate.schema.AlertRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one lifecycle every rule goes through, driven with readings as the engine feeds them. */
class AlertLifecycleTest {
  private static final long T0 = 1_780_000_000_000L - 1_780_000_000_000L % Time.HOUR_MS;
  private static final long DAY = T0 - T0 % (24 * Time.HOUR_MS);
  private static final Rule SPAN_RULE = RuleCatalog.rule(AlertRule.HOURLY_SPEND_RATE);
  private static final Rule ADVICE = RuleCatalog.rule(AlertRule.LOW_UTILIZATION);

  /** Feeds readings of {@code value} against {@code threshold} and records what it asks to emit. */
  private static final class Driver {
    final Rule rule;
    final LifecycleSettings settings;
    final AlertLifecycle.Trigger trigger;
    final RuleTrack track;
    final List<String> emitted = new ArrayList<>();

    Driver(Rule rule, LifecycleSettings settings, AlertLifecycle.Trigger trigger) {
      this.rule = rule;
      this.settings = settings;
      this.trigger = trigger;
      this.track = AlertLifecycle.newTrack(trigger, settings);
    }

    void feed(long at, Reading reading) {
      switch (AlertLifecycle.evaluate(track, rule, reading, at, DAY, trigger, settings)) {
        case FIRE -> {
          AlertLifecycle.open(track, rule, new Episode("id@" + AlertLifecycle.breachStart(track), at, at,
              reading.threshold(), null, at), DAY);
          assertThat(reading.breached()).as("only a breached reading fires").isTrue();
          emitted.add("FIRING " + track.open.alertId());
        }
        case FIRE_SILENTLY -> track.open = null;
        case RESOLVE -> {
          emitted.add("RESOLVED " + track.open.alertId());
          AlertLifecycle.close(track);
        }
        default -> { }
      }
    }

    void above(long at, double value, double threshold) {
      feed(at, Reading.above(value, threshold, settings.hysteresis()));
    }
  }

  @Test
  void aValueOscillatingAroundItsThresholdPagesOnceAndResolvesOnce() {
    Driver driver = new Driver(SPAN_RULE, LifecycleSettings.SPAN, AlertLifecycle.Trigger.AT_ONCE);
    for (int minute = 0; minute < 120; minute++) {
      double value = minute % 2 == 0 ? 1.01 : 0.95; // 0.88 > 0.88 style: either side of the line
      driver.above(T0 + minute * Time.MINUTE_MS, value, 1.0);
    }
    for (int minute = 120; minute < 140; minute++) {
      driver.above(T0 + minute * Time.MINUTE_MS, 0.5, 1.0);
    }

    assertThat(driver.emitted).containsExactly("FIRING id@" + T0, "RESOLVED id@" + T0);
  }

  @Test
  void itResolvesOnlyAfterTheClearTimeBelowTheHysteresisLine() {
    Driver driver = new Driver(SPAN_RULE, LifecycleSettings.SPAN, AlertLifecycle.Trigger.AT_ONCE);
    driver.above(T0, 2.0, 1.0);
    driver.above(T0 + Time.MINUTE_MS, 0.85, 1.0); // clear: 10 % under the line
    driver.above(T0 + 15 * Time.MINUTE_MS, 0.85, 1.0);
    assertThat(driver.emitted).as("14 minutes clear").hasSize(1);

    driver.above(T0 + 16 * Time.MINUTE_MS, 0.85, 1.0);

    assertThat(driver.emitted).hasSize(2).last().asString().startsWith("RESOLVED");
  }

  @Test
  void aReadingBackOverTheHysteresisLineRestartsTheClearTime() {
    Driver driver = new Driver(SPAN_RULE, LifecycleSettings.SPAN, AlertLifecycle.Trigger.AT_ONCE);
    driver.above(T0, 2.0, 1.0);
    driver.above(T0 + Time.MINUTE_MS, 0.5, 1.0);
    driver.above(T0 + 10 * Time.MINUTE_MS, 0.95, 1.0); // under the threshold, over its hysteresis line
    driver.above(T0 + 11 * Time.MINUTE_MS, 0.5, 1.0);
    driver.above(T0 + 25 * Time.MINUTE_MS, 0.5, 1.0);
    assertThat(driver.emitted).hasSize(1);

    driver.above(T0 + 26 * Time.MINUTE_MS, 0.5, 1.0);

    assertThat(driver.emitted).hasSize(2);
  }

  @Test
  void aClosedHourConditionOverTenHoursIsOneEpisode() {
    Driver driver = new Driver(RuleCatalog.rule(AlertRule.COST_PER_REQUEST_RISING), LifecycleSettings.CLOSED_HOUR,
        AlertLifecycle.Trigger.AT_ONCE);
    for (int hour = 1; hour <= 10; hour++) {
      driver.above(T0 + hour * Time.HOUR_MS, 0.03, 0.02);
    }
    assertThat(driver.emitted).hasSize(1);

    driver.above(T0 + 11 * Time.HOUR_MS, 0.01, 0.02); // the first clear closed hour

    assertThat(driver.emitted).containsExactly("FIRING id@" + (T0 + Time.HOUR_MS), "RESOLVED id@" + (T0 + Time.HOUR_MS));
  }

  @Test
  void adviceFiresAtMostOncePerBudgetDay() {
    Driver driver = new Driver(ADVICE, LifecycleSettings.CLOSED_HOUR, AlertLifecycle.Trigger.AT_ONCE);
    for (int episode = 0; episode < 4; episode++) {
      long hour = T0 + 2 * episode * Time.HOUR_MS;
      driver.feed(hour, Reading.below(0.02, 0.10, 0.10));
      driver.feed(hour + Time.HOUR_MS, Reading.below(0.50, 0.10, 0.10));
    }

    assertThat(driver.emitted).as("later episodes of the same day run silently")
        .containsExactly("FIRING id@" + T0, "RESOLVED id@" + T0);
  }

  @Test
  void aBaselineRuleWaitsForItsNoiseGate() {
    Driver driver = new Driver(RuleCatalog.rule(AlertRule.COST_SPIKE), LifecycleSettings.SPAN,
        new AlertLifecycle.Trigger(3, 5 * Time.MINUTE_MS));
    driver.above(T0, 3.0, 2.0);
    driver.above(T0 + 2 * Time.MINUTE_MS, 3.0, 2.0);
    driver.above(T0 + 4 * Time.MINUTE_MS, 3.0, 2.0);
    assertThat(driver.emitted).as("three evaluations, four minutes").isEmpty();

    driver.above(T0 + 5 * Time.MINUTE_MS, 3.0, 2.0);

    assertThat(driver.emitted).containsExactly("FIRING id@" + T0);
  }

  @Test
  void aMovingBaselineDoesNotEndAnEpisodeWhoseValueIsStillUp() {
    Driver driver = new Driver(RuleCatalog.rule(AlertRule.COST_SPIKE), LifecycleSettings.SPAN,
        AlertLifecycle.Trigger.AT_ONCE);
    driver.above(T0, 5.06, 4.47);
    for (int minute = 1; minute <= 60; minute++) {
      driver.above(T0 + minute * Time.MINUTE_MS, 5.00, 6.67); // the next hour's usual is higher
    }
    assertThat(driver.emitted).as("$5.00 is not back under the $4.47 it fired on").hasSize(1);

    for (int minute = 61; minute <= 77; minute++) {
      driver.above(T0 + minute * Time.MINUTE_MS, 3.90, 6.67);
    }

    assertThat(driver.emitted).hasSize(2).last().asString().startsWith("RESOLVED");
  }

  @Test
  void anUnjudgedReadingCountsAsClear() {
    Driver driver = new Driver(RuleCatalog.rule(AlertRule.ERROR_RATE), LifecycleSettings.SPAN,
        AlertLifecycle.Trigger.AT_ONCE);
    driver.above(T0, 0.05, 0.01);
    driver.feed(T0 + Time.MINUTE_MS, Reading.UNJUDGED);
    driver.feed(T0 + 16 * Time.MINUTE_MS, Reading.UNJUDGED);

    assertThat(driver.emitted).hasSize(2);
  }
}
