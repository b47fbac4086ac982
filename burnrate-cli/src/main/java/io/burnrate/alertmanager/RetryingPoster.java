package io.burnrate.alertmanager;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands alerts to Alertmanager until it takes them, decides it never will, or a stop is requested.
 *
 * <ul>
 *   <li>2xx: accepted.
 *   <li>No answer, 5xx, 408 or 429: retried after {@link Backoff} delays; when the attempts run out,
 *       {@link AlertmanagerUnavailableException}.
 *   <li>401, 403, 404, 405 or a redirect: the URL or the credentials are wrong, and every alert would
 *       fail alike, so {@link AlertmanagerUnavailableException} at once rather than skipping them all.
 *   <li>Any other 4xx (400: Alertmanager refused these alerts): rejected, to be logged and skipped.
 * </ul>
 */
final class RetryingPoster {
  private static final Logger log = LoggerFactory.getLogger(RetryingPoster.class);
  private static final int MAX_BODY_SHOWN = 500;

  /** How a delivery ended. */
  enum Outcome { ACCEPTED, REJECTED, STOPPED }

  /** The outcome, with Alertmanager's last answer (status -1 and an empty body when there was none). */
  record Delivery(Outcome outcome, int status, String body) {
    static final Delivery STOPPED = new Delivery(Outcome.STOPPED, -1, "");
  }

  private final AlertPoster poster;
  private final Backoff backoff;
  private final StopSignal stop;
  private final String target;

  RetryingPoster(AlertPoster poster, Backoff backoff, StopSignal stop, String target) {
    this.poster = poster;
    this.backoff = backoff;
    this.stop = stop;
    this.target = target;
  }

  Delivery deliver(List<AlertmanagerAlert> alerts) {
    String lastProblem = "";
    Exception lastError = null;
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (stop.isRequested()) {
        return Delivery.STOPPED;
      }
      try {
        AlertPoster.Answer answer = poster.post(alerts);
        int status = answer.status();
        if (answer.accepted()) {
          if (attempt > 1) {
            log.info("Alertmanager at {} accepted alerts again (attempt {})", target, attempt);
          }
          return new Delivery(Outcome.ACCEPTED, status, answer.body());
        }
        if (isMisconfiguration(status)) {
          throw new AlertmanagerUnavailableException("Alertmanager at " + target + " answered " + status
              + " to POST " + AlertmanagerClient.ALERTS_PATH + " (" + shorten(answer.body()) + "): check the URL"
              + " (its base address, e.g. http://alertmanager:9093) and any credentials", null);
        }
        if (!isTransient(status)) {
          return new Delivery(Outcome.REJECTED, status, answer.body());
        }
        lastProblem = "HTTP " + status + " " + shorten(answer.body());
        lastError = null;
      } catch (IOException e) {
        lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        lastError = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Delivery.STOPPED;
      }
      if (attempt < backoff.attempts()) {
        java.time.Duration delay = backoff.delayAfter(attempt);
        log.warn("Alertmanager at {} did not take {} alert(s) (attempt {} of {}: {}); retrying in {} ms",
            target, alerts.size(), attempt, backoff.attempts(), lastProblem, delay.toMillis());
        if (stop.awaitStop(delay)) {
          return Delivery.STOPPED;
        }
      }
    }
    throw new AlertmanagerUnavailableException("Alertmanager at " + target + " did not accept alerts in "
        + backoff.attempts() + " attempts (last: " + lastProblem + "); is it running and reachable?", lastError);
  }

  static boolean isTransient(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  static boolean isMisconfiguration(int status) {
    return (status >= 300 && status < 400) || status == 401 || status == 403 || status == 404 || status == 405;
  }

  static String shorten(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= MAX_BODY_SHOWN ? text : text.substring(0, MAX_BODY_SHOWN) + "...";
  }
}
