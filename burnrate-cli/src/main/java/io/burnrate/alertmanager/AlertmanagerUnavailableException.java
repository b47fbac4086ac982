package io.burnrate.alertmanager;

/**
 * Alertmanager did not accept alerts and retrying will not help now: it stayed unreachable or
 * failing for every attempt, or it answered in a way that says the URL or the credentials are wrong.
 * Offsets stay committed up to the last alert it accepted, so a restart resumes there.
 */
public final class AlertmanagerUnavailableException extends RuntimeException {
  public AlertmanagerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
