package io.burnrate.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import io.burnrate.cli.BurnrateServer;
import io.burnrate.local.LocalStackExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * burnrate-server.jar, the container's jar, as {@code mvn package} leaves it: the production commands
 * without the devkit or the Kafka broker, each run from the jar alone in a JVM of its own, the pipeline
 * and the streams reset tool against a real broker (the devkit's, in this JVM).
 */
class ServerJarIT {
  private static final Duration COMMAND_BOUND = Duration.ofSeconds(60);
  private static final Duration START_BOUND = Duration.ofSeconds(90);
  private static final List<String> LEFT_OUT = List.of("io/burnrate/local/", "io/burnrate/registry/",
      "io/burnrate/sim/", "io/burnrate/bench/", "io/burnrate/demo/", "kafka/server/", "org/apache/kafka/raft/",
      "org/apache/kafka/controller/", "org/apache/kafka/storage/", "scala/");
  private static final Pattern HTTP_URL = Pattern.compile("Burnrate is running: .* http=(http://\\S+)");

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();

  private static Path jar;

  @BeforeAll
  static void findTheJar() {
    jar = ShadedJars.jarOf(BurnrateServer.class.getName());
    assertThat(jar).as("the server jar; mvn package builds it").isRegularFile();
  }

  @Test
  void holdsTheProductionCommandsButNeitherTheDevkitNorTheBroker() throws IOException {
    List<String> entries = entries();

    assertThat(entries).contains("io/burnrate/cli/BurnrateServer.class", "io/burnrate/cli/RunCommand.class",
        "io/burnrate/cli/ForwardAlertsCommand.class", "io/burnrate/cli/ReplayCommand.class",
        "org/apache/kafka/streams/KafkaStreams.class", "org/apache/kafka/tools/StreamsResetter.class");
    for (String prefix : LEFT_OUT) {
      assertThat(entries.stream().filter(entry -> entry.startsWith(prefix))).as("entries under %s", prefix).isEmpty();
    }
  }

  @Test
  void noBurnrateClassInItNeedsOneLeftOut() throws IOException {
    JavaClasses classes;
    try (JarFile file = new JarFile(jar.toFile())) {
      classes = new ClassFileImporter()
          .withImportOption(location -> location.contains("!/io/burnrate/"))
          .importLocations(Set.of(Location.of(file)));
    }
    Set<String> inJar = classes.stream().map(JavaClass::getName).collect(Collectors.toSet());
    assertThat(inJar).contains(BurnrateServer.class.getName());

    noClasses().should().dependOnClassesThat(DescribedPredicate.describe("are Burnrate classes left out of the jar",
            (JavaClass target) -> target.getBaseComponentType().getPackageName().startsWith("io.burnrate")
                && !inJar.contains(target.getBaseComponentType().getName())))
        .because("the server jar leaves out the devkit and the devkit's commands (burnrate-cli/pom.xml)")
        .check(classes);
  }

  @Test
  void listsTheProductionCommandsOnly(@TempDir Path dir) throws Exception {
    JarProcess help = JarProcess.run(jar, dir, "help", COMMAND_BOUND, "--help");

    assertThat(help.exitCode()).as(help.describe()).isZero();
    assertThat(commandsListed(help.out()))
        .containsExactly("help", "run", "forward-alerts", "replay", "tail", "config", "topology");
    assertThat(help.err()).as("stderr: the logging configuration loads without the devkit").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "forward-alerts", "replay", "tail", "config", "topology"})
  void everyProductionCommandShowsItsHelp(String command, @TempDir Path dir) throws Exception {
    JarProcess help = JarProcess.run(jar, dir, command, COMMAND_BOUND, command, "--help");

    assertThat(help.exitCode()).as(help.describe()).isZero();
    assertThat(help.out()).startsWith("Usage: burnrate " + command + " ");
    assertThat(help.err()).isEmpty();
  }

  @Test
  void documentsTheConfigurationAndTheTopologyWithoutACluster(@TempDir Path dir) throws Exception {
    JarProcess config = JarProcess.run(jar, dir, "config", COMMAND_BOUND, "config");
    assertThat(config.exitCode()).as(config.describe()).isZero();
    assertThat(config.out()).contains("burnrate.http.port", "schema.registry.url");

    JarProcess topology = JarProcess.run(jar, dir, "topology", COMMAND_BOUND, "topology");
    assertThat(topology.exitCode()).as(topology.describe()).isZero();
    assertThat(topology.out()).contains("Sub-topology: 0", "inference.requests");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "local", "simulate", "bench"})
  void refusesTheDevkitsCommandsAsUnknown(String command, @TempDir Path dir) throws Exception {
    JarProcess refused = JarProcess.run(jar, dir, command, COMMAND_BOUND, command);

    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
    assertThat(refused.err()).startsWith("Unmatched argument at index 0: '" + command + "'");
  }

  @Test
  void runsThePipelineOnABrokerUntilSigterm(@TempDir Path dir) throws Exception {
    try (JarProcess run = JarProcess.start(jar, dir, "run", with(List.of("run", "--http-port", "0"),
        cluster("server-jar-it", dir)))) {
      await().atMost(START_BOUND).until(() -> !run.isAlive() || run.err().contains("-> RUNNING"));
      assertThat(run.isAlive()).as(run.describe()).isTrue();
      URI ready = URI.create(httpUrl(run) + "/health/ready");
      await().atMost(Duration.ofSeconds(30)).until(() -> status(ready) == 200);

      run.terminate();
      assertThat(run.awaitExit(COMMAND_BOUND)).as("exit code after SIGTERM; %s", run.describe()).isZero();
    }
  }

  @Test
  void resetsAnApplicationWithKafkasStreamsResetTool(@TempDir Path dir) throws Exception {
    JarProcess reset = JarProcess.run(jar, dir, "reset", COMMAND_BOUND,
        with(List.of("replay", "--reset-application", "--yes"), cluster("server-jar-it-reset", dir))
            .toArray(String[]::new));

    assertThat(reset.exitCode()).as(reset.describe()).isZero();
    assertThat(reset.out()).contains("Reset application.id server-jar-it-reset");
  }

  private static List<String> cluster(String applicationId, Path dir) {
    return List.of("-b", STACK.bootstrapServers(), "-r", STACK.registryUrl(),
        "--set", "application.id=" + applicationId, "--set", "state.dir=" + dir.resolve("state"));
  }

  private static List<String> entries() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).toList();
    }
  }

  /** The names under "Commands:" in a usage message. */
  private static List<String> commandsListed(String usage) {
    List<String> names = new ArrayList<>();
    Matcher line = Pattern.compile("(?m)^  (\\S+)  ").matcher(usage.substring(usage.indexOf("Commands:")));
    while (line.find()) {
      names.add(line.group(1));
    }
    return names;
  }

  private static String httpUrl(JarProcess run) {
    Matcher matcher = HTTP_URL.matcher(run.err());
    assertThat(matcher.find()).as("the address it logs; %s", run.describe()).isTrue();
    return matcher.group(1);
  }

  private static int status(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static List<String> with(List<String> first, List<String> more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return all;
  }
}
