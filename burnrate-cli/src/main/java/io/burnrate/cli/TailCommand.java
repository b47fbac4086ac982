package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import io.burnrate.config.TopicNames;
import io.burnrate.schema.CostAlert;
import io.burnrate.schema.ScalingCommand;
import io.burnrate.serde.AvroWireDeserializer;
import io.burnrate.serde.JsonSerde;
import io.burnrate.serde.SchemaRegistryClient;
import io.burnrate.tail.RecordJson;
import io.burnrate.tail.RecordLines;
import io.burnrate.tail.TopicTail;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the output topics for people (one line per record) or machines (--json). */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = {
      "Print alerts, scaling commands or hourly metrics as they are produced, one line per record"
          + " (colour on a terminal), or one JSON object per line with --json.",
      "Reads committed records only (read_committed) and commits nothing: any number of tails can run.",
      "Example: burnrate tail alerts --from-beginning -b localhost:9092 -r http://localhost:8081"})
final class TailCommand implements Callable<Integer> {
  enum Output { alerts, commands, metrics }

  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Parameters(index = "0", paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}.")
  Output what;

  @Option(names = "--from-beginning", description = "Start at the oldest record, not only new ones.")
  boolean fromBeginning;

  @Option(names = "--json", description = "One JSON object per line, with the contract's field names.")
  boolean json;

  @Option(names = "--endpoint", paramLabel = "ID", description = "Only this endpoint's records.")
  String endpoint;

  @Option(names = "--max", paramLabel = "N", defaultValue = "0",
      description = "Stop after N records (default: no limit).")
  long max;

  @Option(names = "--idle-exit", paramLabel = "SECONDS",
      description = "Stop when nothing arrived for this long (default: wait for Ctrl-C).")
  Long idleExitSeconds;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "auto (colour on a terminal), always or never.")
  String color;

  @Override
  public Integer call() {
    if (max < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max must be 0 or more, not " + max);
    }
    if (idleExitSeconds != null && idleExitSeconds <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--idle-exit must be a positive number of seconds, not " + idleExitSeconds);
    }
    BurnrateConfig config = options.load();
    PrintWriter out = spec.commandLine().getOut();
    Function<ConsumerRecord<String, byte[]>, String> render = renderer(config, ansi());
    Map<String, Object> clientProps = new HashMap<>();
    config.kafkaProperties().forEach((k, v) -> clientProps.put(String.valueOf(k), v));
    TopicTail.Start start = fromBeginning ? TopicTail.Start.BEGINNING : TopicTail.Start.END;
    try (TopicTail tail = new TopicTail(clientProps, topic(config.topics()), start, Duration.ofSeconds(30))) {
      Thread main = Thread.currentThread();
      Thread hook = new Thread(() -> {
        tail.wakeup();
        try {
          main.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "burnrate-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        tail.run(record -> {
          if (endpoint == null || endpoint.equals(record.key())) {
            out.println(render.apply(record));
            out.flush();
          }
        }, max, idleExitSeconds == null ? null : Duration.ofSeconds(idleExitSeconds), () -> false);
      } catch (WakeupException stopped) {
        return 0;
      } finally {
        removeHook(hook);
      }
    }
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already stopping: the hook is running
    }
  }

  private String topic(TopicNames topics) {
    return switch (what) {
      case alerts -> topics.alerts();
      case commands -> topics.commands();
      case metrics -> topics.hourlyMetrics();
    };
  }

  private Ansi ansi() {
    return switch (color) {
      case "always" -> Ansi.ON;
      case "never" -> Ansi.OFF;
      case "auto" -> Ansi.AUTO;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--color must be auto, always or never, not '" + color + "'");
    };
  }

  private Function<ConsumerRecord<String, byte[]>, String> renderer(BurnrateConfig config, Ansi ansi) {
    RecordLines lines = new RecordLines(ansi);
    Deserializer<Map<String, Object>> jsonReader = JsonSerde.forMaps().deserializer();
    switch (what) {
      case metrics -> {
        return r -> {
          Map<String, Object> m = jsonReader.deserialize(r.topic(), r.value());
          return json ? new String(r.value(), StandardCharsets.UTF_8) : lines.metrics(m);
        };
      }
      case alerts -> {
        AvroWireDeserializer<CostAlert> reader = new AvroWireDeserializer<>(registry(config), CostAlert.class);
        return r -> {
          CostAlert a = reader.deserialize(r.topic(), r.value());
          return json ? toJson(RecordJson.of(a)) : lines.alert(a);
        };
      }
      default -> {
        AvroWireDeserializer<ScalingCommand> reader =
            new AvroWireDeserializer<>(registry(config), ScalingCommand.class);
        return r -> {
          ScalingCommand c = reader.deserialize(r.topic(), r.value());
          return json ? toJson(RecordJson.of(c)) : lines.command(c);
        };
      }
    }
  }

  private static SchemaRegistryClient registry(BurnrateConfig config) {
    return RunCommand.registryClient(config);
  }

  private static String toJson(Map<String, Object> map) {
    return new String(JsonSerde.forMaps().serializer().serialize(null, map), StandardCharsets.UTF_8);
  }
}
