package io.burnrate.registryfaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.cli.Burnrate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code burnrate run} against a registry that is not there: it gives up after the configured time. */
class RunWithoutRegistryTest {

  @Test
  void exitsWithOneLineNamingTheRegistryAndTheReason() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    StringWriter err = new StringWriter();
    CommandLine cli = Burnrate.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    long started = System.nanoTime();

    int exit = cli.execute("run", "--registry-url", url, "--bootstrap-servers", "127.0.0.1:" + closedPort(),
        "--set", "burnrate.registry.startup.timeout.ms=500");

    assertThat(exit).isEqualTo(1);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines.get(0))
        .startsWith("error: schema registry at " + url + ": not reachable within 0.5 s")
        .contains("ConnectException");
    assertThat(lines).noneMatch(line -> line.startsWith("\tat "));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
