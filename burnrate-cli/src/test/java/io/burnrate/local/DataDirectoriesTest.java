package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoriesTest {

  @Test
  void createsAMissingDirectoryAndLeavesNoProbeBehind(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("nested/burnrate-data");

    assertThat(DataDirectories.whyUnusable(dataDir)).isEmpty();
    assertThat(dataDir).isDirectory();
    try (var files = Files.list(dataDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void explainsAPathThatRunsThroughAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(DataDirectories.whyUnusable(file.resolve("data")))
        .hasValue("cannot create " + file.resolve("data") + ": " + file + " is a file, not a directory");
  }

  @Test
  void explainsAFileInsteadOfADirectory(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(DataDirectories.whyUnusable(file)).hasValue(file + " is a file, not a directory");
  }
}
