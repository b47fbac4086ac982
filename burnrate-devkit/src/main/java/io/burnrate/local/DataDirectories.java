package io.burnrate.local;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks, before anything starts, that a data directory can be created and written. */
public final class DataDirectories {

  private static final String PROBE_PREFIX = ".burnrate-write-check-";

  private DataDirectories() {}

  /**
   * Creates {@code dir} if absent and writes and deletes a probe file in it.
   *
   * @return why the directory cannot be used, or empty when it can
   */
  public static Optional<String> whyUnusable(Path dir) {
    Path existing = nearestExisting(dir.toAbsolutePath());
    if (existing != null && !Files.isDirectory(existing)) {
      return Optional.of(existing.equals(dir.toAbsolutePath())
          ? dir + " is a file, not a directory"
          : "cannot create " + dir + ": " + existing + " is a file, not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      return Optional.of("cannot create " + dir + ": " + reason(e));
    }
    try {
      Path probe = Files.createTempFile(dir, PROBE_PREFIX, ".tmp");
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      return Optional.of("cannot write in " + dir + ": permission denied");
    } catch (IOException | SecurityException e) {
      return Optional.of("cannot write in " + dir + ": " + reason(e));
    }
    return Optional.empty();
  }

  private static Path nearestExisting(Path path) {
    Path candidate = path;
    while (candidate != null && !Files.exists(candidate)) {
      candidate = candidate.getParent();
    }
    return candidate;
  }

  private static String reason(Exception e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
