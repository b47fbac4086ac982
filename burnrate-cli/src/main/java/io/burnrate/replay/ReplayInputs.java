package io.burnrate.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Turns the files and directories a user names into the export files to read, in order. */
public final class ReplayInputs {
  private ReplayInputs() {}

  /**
   * Each file as it is; each directory as the exports directly inside it ({@link ExportFormat#SUFFIXES},
   * never a replay's reject files), in name order. A file named twice is read once.
   *
   * @throws ReplayInputException for a path that does not exist, a file of no known format, or a
   *     directory without exports
   */
  public static List<Path> expand(List<Path> paths) {
    if (paths == null || paths.isEmpty()) {
      throw new ReplayInputException("name at least one export file or directory (" + ExportFormat.SUFFIXES + ")");
    }
    Set<Path> files = new LinkedHashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        List<Path> inside = exportsIn(path);
        if (inside.isEmpty()) {
          throw new ReplayInputException(path + ": a directory without billing exports (" + ExportFormat.SUFFIXES
              + ")");
        }
        inside.forEach(file -> files.add(file.toAbsolutePath().normalize()));
      } else if (Files.exists(path)) {
        if (ExportFormat.isRejectFile(path)) {
          throw new ReplayInputException(path + ": the reject file of an earlier replay; fix its rows, drop the "
              + "reason column and rename it before replaying it");
        }
        if (ExportFormat.of(path).isEmpty()) {
          throw new ReplayInputException(path + ": not a billing export this replay reads; name it "
              + ExportFormat.SUFFIXES);
        }
        files.add(path.toAbsolutePath().normalize());
      } else {
        throw new ReplayInputException(path + ": no such file or directory");
      }
    }
    return new ArrayList<>(files);
  }

  private static List<Path> exportsIn(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(file -> ExportFormat.of(file).isPresent())
          .sorted(Comparator.comparing(file -> file.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new ReplayInputException(directory + ": cannot list the directory (" + e.getMessage() + ")", e);
    }
  }
}
