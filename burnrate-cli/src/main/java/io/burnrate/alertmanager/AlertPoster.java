package io.burnrate.alertmanager;

import java.io.IOException;
import java.util.List;

/** One attempt at handing alerts to Alertmanager. */
@FunctionalInterface
interface AlertPoster {

  /** Alertmanager's answer: its HTTP status and body. */
  record Answer(int status, String body) {
    boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * @throws IOException when Alertmanager cannot be reached or does not answer in time
   */
  Answer post(List<AlertmanagerAlert> alerts) throws IOException, InterruptedException;
}
