package io.burnrate.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based ids: the same content always yields the same id, in a replay too. */
public final class Ids {
  private Ids() {}

  public static String nameBased(Object... parts) {
    StringBuilder name = new StringBuilder();
    for (Object part : parts) {
      name.append(part).append('\u001f');
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }
}
