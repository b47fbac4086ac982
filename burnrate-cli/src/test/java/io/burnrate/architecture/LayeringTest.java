package io.burnrate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layers of Burnrate, from the inside out, and what each may use. Each layer is a Maven module
 * too, so a use of an outer layer does not even compile; this test says why, and also holds what
 * modules cannot: no cycle between the packages of one module, and the rules below.
 *
 * <ul>
 *   <li>domain ({@link #DOMAIN}, {@code burnrate-domain}): the contract's records, plain Java and its
 *       sketch library; no Kafka (not on that module's classpath), no pipeline;
 *   <li>pipeline ({@link #PIPELINE}, {@code burnrate-pipeline}): the domain and Kafka Streams; nothing
 *       of the tools;
 *   <li>devkit ({@link #DEVKIT}, {@code burnrate-devkit}): the embedded broker and registry, the
 *       simulator, the bench and the demo; anything but the command line;
 *   <li>command line ({@link #CLI}, {@code burnrate-cli}): everything, except that the production
 *       commands (all of it but {@link #DEVKIT_COMMANDS}) use nothing of the devkit, which the server
 *       jar, the container's, leaves out.
 * </ul>
 *
 * No two packages depend on each other. Kafka Streams' internal classes, which may change in any
 * release, are used in one package only, {@link #KAFKA_INTERNALS}.
 */
class LayeringTest {
  static final String[] DOMAIN = {"io.burnrate.core..", "io.burnrate.meter..", "io.burnrate.baseline..",
      "io.burnrate.rules..", "io.burnrate.actions..", "io.burnrate.engine.."};
  static final String[] PIPELINE = {"io.burnrate.config..", "io.burnrate.ingest..", "io.burnrate.serde..",
      "io.burnrate.topology..", "io.burnrate.kafkainternals..", "io.burnrate.app..", "io.burnrate.http.."};
  static final String[] DEVKIT = {"io.burnrate.local..", "io.burnrate.registry..", "io.burnrate.sim..",
      "io.burnrate.bench..", "io.burnrate.demo.."};
  static final String[] CLI = {"io.burnrate.cli..", "io.burnrate.replay..", "io.burnrate.tail..",
      "io.burnrate.alertmanager.."};

  /**
   * The command line's classes that use the devkit (with their nested classes): the devkit's commands
   * and what lists them. burnrate-cli/pom.xml leaves them out of the server jar.
   */
  static final Set<String> DEVKIT_COMMANDS = Set.of("io.burnrate.cli.Burnrate", "io.burnrate.cli.DevkitCommands",
      "io.burnrate.cli.DemoCommand", "io.burnrate.cli.LocalCommand", "io.burnrate.cli.LocalRunOptions",
      "io.burnrate.cli.SimulateCommand", "io.burnrate.cli.BenchCommand");
  static final String SERVER_MAIN = "io.burnrate.cli.BurnrateServer";

  /**
   * The one package that may use Kafka Streams internals; {@code KafkaInternalsTest} says what to
   * check there on a Kafka upgrade.
   */
  static final String KAFKA_INTERNALS = "io.burnrate.kafkainternals..";

  static final String EMBEDDED_BROKER = "io.burnrate.local.EmbeddedKafka";

  private static final JavaClasses BURNRATE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.burnrate");

  @Test
  void theDomainUsesTheContractsRecordsAndPlainJavaOnly() {
    ArchRule rule = classes().that().resideInAnyPackage(DOMAIN)
        .should().onlyDependOnClassesThat().resideInAnyPackage(concat(DOMAIN, "io.burnrate.schema..", "java..",
            "com.datadoghq.sketch..", "org.apache.avro.."))
        .because("the rules and the engine are plain Java, tested and run without Kafka");
    rule.check(BURNRATE);
  }

  @Test
  void thePipelineUsesNoTool() {
    noClasses().that().resideInAnyPackage(PIPELINE)
        .should().dependOnClassesThat().resideInAnyPackage(concat(DEVKIT, CLI))
        .because("the production jar must not need the embedded broker, the simulator or the commands")
        .check(BURNRATE);
  }

  @Test
  void theDevkitUsesNoCommand() {
    noClasses().that().resideInAnyPackage(DEVKIT)
        .should().dependOnClassesThat().resideInAnyPackage(CLI)
        .check(BURNRATE);
  }

  @Test
  void theProductionCommandsUseNoDevkit() {
    noClasses().that().resideInAnyPackage(CLI).and(not(devkitCommands()).as("are not devkit commands"))
        .should().dependOnClassesThat().resideInAnyPackage(DEVKIT)
        .because("the server jar, which the container runs, has no devkit: see LayeringTest.DEVKIT_COMMANDS")
        .check(BURNRATE);
  }

  @Test
  void theServerReachesNoDevkitCommand() {
    noClasses().that().haveFullyQualifiedName(SERVER_MAIN)
        .should().transitivelyDependOnClassesThat(devkitCommands().or(resideInAnyPackage(DEVKIT)))
        .because("the server jar leaves the devkit's commands out")
        .check(BURNRATE);
  }

  @Test
  void theHttpQueriesReadTheEngineThroughItsSnapshotNotItsFields() {
    noClasses().that().resideInAPackage("io.burnrate.http..")
        .should().accessFieldWhere(JavaAccess.Predicates.target(With.owner(resideInAPackage("io.burnrate.engine.."))))
        .because("the engine's state is the engine's to change: readers get an EndpointSnapshot")
        .check(BURNRATE);
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.burnrate.(*)..").should().beFreeOfCycles().check(BURNRATE);
  }

  @Test
  void kafkaStreamsInternalsOnlyInTheirOwnPackage() {
    noClasses().that().resideInAPackage("io.burnrate..").and().resideOutsideOfPackage(KAFKA_INTERNALS)
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.streams..internals..")
        .because("Kafka Streams' internals may change in any release: see KafkaInternalsTest")
        .check(BURNRATE);
  }

  @Test
  void theBrokersInternalsOnlyInTheEmbeddedBroker() {
    noClasses().that().resideInAPackage("io.burnrate..").and().doNotHaveFullyQualifiedName(EMBEDDED_BROKER)
        .should().dependOnClassesThat().resideInAnyPackage("kafka..", "org.apache.kafka.server..",
            "org.apache.kafka.metadata..")
        .because("only the devkit's embedded broker runs a broker; the pipeline is a client")
        .check(BURNRATE);
  }

  private static DescribedPredicate<JavaClass> devkitCommands() {
    return DescribedPredicate.describe("are devkit commands",
        javaClass -> DEVKIT_COMMANDS.contains(javaClass.getName().replaceFirst("\\$.*", "")));
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
