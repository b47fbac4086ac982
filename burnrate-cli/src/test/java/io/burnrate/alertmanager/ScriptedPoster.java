package io.burnrate.alertmanager;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Alertmanager stand-in that answers from a script (status codes, or -1 for "unreachable") and
 * then accepts everything, remembering every attempt.
 */
final class ScriptedPoster implements AlertPoster {
  static final int UNREACHABLE = -1;

  final List<List<AlertmanagerAlert>> attempts = new CopyOnWriteArrayList<>();
  final List<AlertmanagerAlert> accepted = new CopyOnWriteArrayList<>();
  private final Deque<Integer> script = new ArrayDeque<>();
  private final Map<Integer, Runnable> actions = new HashMap<>();

  ScriptedPoster then(int... statuses) {
    for (int status : statuses) {
      script.add(status);
    }
    return this;
  }

  /** Runs {@code action} right after attempt number {@code attempt} (1 for the first) is answered. */
  ScriptedPoster onAttempt(int attempt, Runnable action) {
    actions.put(attempt, action);
    return this;
  }

  @Override
  public synchronized Answer post(List<AlertmanagerAlert> alerts) throws IOException {
    attempts.add(List.copyOf(alerts));
    int status = script.isEmpty() ? 200 : script.poll();
    actions.getOrDefault(attempts.size(), () -> { }).run();
    if (status == UNREACHABLE) {
      throw new ConnectException("Connection refused");
    }
    if (status >= 200 && status < 300) {
      accepted.addAll(alerts);
    }
    return new Answer(status, status >= 400 ? "{\"error\":\"scripted " + status + "\"}" : "");
  }
}
