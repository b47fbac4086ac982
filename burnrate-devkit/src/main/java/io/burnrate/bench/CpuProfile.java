package io.burnrate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder recording of stack samples over one measured run, read back into a {@link
 * CpuBreakdown}. Threads running Java code are sampled; of the threads in native code only those in
 * RocksDB count, as the others (sockets, parking) wait rather than work.
 */
final class CpuProfile implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofMillis(10);
  private static final String EXECUTION = "jdk.ExecutionSample";
  private static final String NATIVE = "jdk.NativeMethodSample";

  private final Recording recording = new Recording();
  private final Path file;

  private CpuProfile(Path file) {
    this.file = file;
    recording.enable(EXECUTION).withPeriod(PERIOD);
    recording.enable(NATIVE).withPeriod(PERIOD);
    recording.setName("burnrate-bench-cpu");
  }

  static CpuProfile start(Path dir) {
    try {
      Files.createDirectories(dir);
      CpuProfile profile = new CpuProfile(Files.createTempFile(dir, "cpu-", ".jfr"));
      profile.recording.start();
      return profile;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the recording and counts its samples by stage. */
  CpuBreakdown stop() {
    try {
      recording.stop();
      recording.dump(file);
      Map<CpuStage, Long> counts = new EnumMap<>(CpuStage.class);
      try (RecordingFile events = new RecordingFile(file)) {
        while (events.hasMoreEvents()) {
          RecordedEvent event = events.readEvent();
          CpuStage stage = stageOf(event);
          if (stage != null) {
            counts.merge(stage, 1L, Long::sum);
          }
        }
      }
      return new CpuBreakdown(counts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
  }

  private static CpuStage stageOf(RecordedEvent event) {
    String type = event.getEventType().getName();
    if (!type.equals(EXECUTION) && !type.equals(NATIVE)) {
      return null;
    }
    RecordedThread thread = event.getThread("sampledThread");
    RecordedStackTrace stack = event.getStackTrace();
    if (thread == null || stack == null) {
      return null;
    }
    List<CpuStage.Frame> frames = new ArrayList<>(stack.getFrames().size());
    boolean inRocksDb = false;
    for (RecordedFrame frame : stack.getFrames()) {
      String className = frame.getMethod().getType().getName();
      inRocksDb |= className.startsWith("org.rocksdb.");
      frames.add(new CpuStage.Frame(className, frame.getMethod().getName()));
    }
    if (type.equals(NATIVE) && !inRocksDb) {
      return null;
    }
    String name = thread.getJavaName() == null ? "" : thread.getJavaName();
    return CpuStage.of(name, frames);
  }

  @Override
  public void close() {
    recording.close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file in the bench's data folder, removed with it
    }
  }
}
