package io.burnrate.demo;

import java.io.PrintWriter;

/**
 * The terminal during a demo: record lines as they come, and one progress line that is redrawn in
 * place on a terminal (and printed now and then otherwise), never mixed up with the records.
 */
public final class DemoConsole {
  private final PrintWriter out;
  private final boolean terminal;
  private String progress = "";

  public DemoConsole(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public synchronized void line(String text) {
    clearProgress();
    out.println(text);
    redrawProgress();
    out.flush();
  }

  /** On a terminal the progress line is redrawn in place; elsewhere it is printed as a line. */
  public synchronized void progress(String text) {
    if (terminal) {
      clearProgress();
      progress = text;
      redrawProgress();
    } else {
      out.println(text);
    }
    out.flush();
  }

  public synchronized void endProgress() {
    clearProgress();
    progress = "";
    out.flush();
  }

  private void clearProgress() {
    if (terminal && !progress.isEmpty()) {
      out.print("\r\u001b[2K");
    }
  }

  private void redrawProgress() {
    if (terminal && !progress.isEmpty()) {
      out.print(progress);
    }
  }
}
