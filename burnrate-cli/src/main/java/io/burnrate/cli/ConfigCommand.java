package io.burnrate.cli;

import io.burnrate.config.BurnrateConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Documents and checks the configuration. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "List every Burnrate setting with its default, or check a configuration (--check).")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--check", description = "Validate the configuration from --config, env and --set, then exit.")
  boolean check;

  @Override
  public Integer call() {
    if (check) {
      options.load();
      System.out.println("configuration is valid");
    } else {
      System.out.print(BurnrateConfig.documentation());
    }
    return 0;
  }
}
