package io.burnrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExternalServerTest {
  @Test
  void aMissingBinaryFailsTheTestAndSaysWhatInstallsIt() {
    assertThatThrownBy(() -> ExternalServer.requireBinary("prometheus", "no-such-binary-for-burnrate",
        "/nowhere/no-such-binary-for-burnrate"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(".ci/run installs")
        .hasMessageContaining("apt-get install -y prometheus");
  }

  @Test
  void aBinaryIsFoundOnThePathOrByItsAbsolutePath() {
    assertThat(ExternalServer.requireBinary("coreutils", "/nowhere/true", "true")).isExecutable();
    assertThat(ExternalServer.requireBinary("coreutils", "/bin/sh")).isEqualTo(Path.of("/bin/sh"));
  }
}
