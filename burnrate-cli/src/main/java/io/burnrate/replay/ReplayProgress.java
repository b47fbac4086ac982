package io.burnrate.replay;

/**
 * How far a replay has come.
 *
 * @param phase {@code reading} (validating, and sending unless sorted or dry) or {@code sending} (sorted rows)
 * @param file the file being read, or null while sending sorted rows
 * @param done units of work done: bytes of the inputs read, or rows sent when sending sorted rows
 * @param total units of work in all (0 when unknown)
 * @param rows rows read while reading, rows sent while sending sorted rows
 * @param rejected rows rejected so far
 */
public record ReplayProgress(String phase, String file, long done, long total, long rows, long rejected) {
  public static final String READING = "reading";
  public static final String SENDING = "sending";

  /** Share of the work done, 0..1 (0 when the total is unknown). */
  public double fraction() {
    return total <= 0 ? 0.0 : Math.min(1.0, (double) done / total);
  }
}
