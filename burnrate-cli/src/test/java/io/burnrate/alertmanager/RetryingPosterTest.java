package io.burnrate.alertmanager;

import static io.burnrate.alertmanager.ScriptedPoster.UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.burnrate.alertmanager.RetryingPoster.Outcome;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryingPosterTest {
  private static final Backoff NO_WAIT = new Backoff(Duration.ZERO, Duration.ZERO, 4);
  private static final List<AlertmanagerAlert> ALERT = List.of(AlertTranslation.firing(TestAlerts.firing("a", "chat")));

  private final StopSignal stop = new StopSignal();

  @Test
  void connectionErrorsAnd5xxAreRetriedUntilAccepted() {
    ScriptedPoster alertmanager = new ScriptedPoster().then(UNREACHABLE, 503, 500);

    RetryingPoster.Delivery delivery = new RetryingPoster(alertmanager, NO_WAIT, stop, "am").deliver(ALERT);

    assertThat(delivery.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(alertmanager.attempts).hasSize(4);
    assertThat(alertmanager.accepted).isEqualTo(ALERT);
  }

  @Test
  void tooManyRequestsAndTimeoutsAreRetriedToo() {
    ScriptedPoster alertmanager = new ScriptedPoster().then(429, 408);

    assertThat(new RetryingPoster(alertmanager, NO_WAIT, stop, "am").deliver(ALERT).outcome())
        .isEqualTo(Outcome.ACCEPTED);
    assertThat(alertmanager.attempts).hasSize(3);
  }

  @Test
  void aBadRequestIsRejectedAtOnceWithItsBody() {
    ScriptedPoster alertmanager = new ScriptedPoster().then(400);

    RetryingPoster.Delivery delivery = new RetryingPoster(alertmanager, NO_WAIT, stop, "am").deliver(ALERT);

    assertThat(delivery).isEqualTo(new RetryingPoster.Delivery(Outcome.REJECTED, 400, "{\"error\":\"scripted 400\"}"));
    assertThat(alertmanager.attempts).hasSize(1);
  }

  @Test
  void whenTheAttemptsRunOutAlertmanagerIsUnavailableWithTheLastProblem() {
    ScriptedPoster alertmanager = new ScriptedPoster().then(503, UNREACHABLE, 502, UNREACHABLE);

    assertThatThrownBy(() -> new RetryingPoster(alertmanager, NO_WAIT, stop, "http://am:9093").deliver(ALERT))
        .isInstanceOf(AlertmanagerUnavailableException.class)
        .hasMessageContaining("http://am:9093")
        .hasMessageContaining("4 attempts")
        .hasMessageContaining("ConnectException: Connection refused")
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(alertmanager.attempts).hasSize(4);
  }

  @Test
  void aWrongUrlOrCredentialsFailAtOnceInsteadOfSkippingEveryAlert() {
    for (int status : new int[] {404, 401, 403, 405, 301}) {
      ScriptedPoster alertmanager = new ScriptedPoster().then(status);
      assertThatThrownBy(() -> new RetryingPoster(alertmanager, NO_WAIT, stop, "am").deliver(ALERT))
          .isInstanceOf(AlertmanagerUnavailableException.class)
          .hasMessageContaining("answered " + status)
          .hasMessageContaining("check the URL");
      assertThat(alertmanager.attempts).hasSize(1);
    }
  }

  @Test
  void aStopCutsTheBackoffShort() {
    ScriptedPoster alertmanager = new ScriptedPoster().then(503, 503, 503, 503);
    Backoff hour = new Backoff(Duration.ofHours(1), Duration.ofHours(1), 4);
    stop.request();

    assertThat(new RetryingPoster(alertmanager, hour, stop, "am").deliver(ALERT).outcome())
        .isEqualTo(Outcome.STOPPED);
    assertThat(alertmanager.attempts).isEmpty();
  }

  @Test
  void aStopDuringTheWaitEndsItWithoutAnotherAttempt() throws Exception {
    ScriptedPoster alertmanager = new ScriptedPoster().then(503, 503, 503, 503);
    Backoff hour = new Backoff(Duration.ofHours(1), Duration.ofHours(1), 4);
    Thread stopper = new Thread(() -> {
      await().atMost(Duration.ofSeconds(10)).until(() -> !alertmanager.attempts.isEmpty());
      stop.request();
    });
    stopper.start();

    RetryingPoster.Delivery delivery = new RetryingPoster(alertmanager, hour, stop, "am").deliver(ALERT);
    stopper.join(10_000);

    assertThat(delivery.outcome()).isEqualTo(Outcome.STOPPED);
    assertThat(alertmanager.attempts).hasSize(1);
  }
}
