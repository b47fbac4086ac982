package io.burnrate.local;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LocalStack} (broker, contract topics, schema registry) per test class, on free
 * loopback ports, with its data in a temporary directory removed afterwards:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();
 * ... STACK.bootstrapServers() ... STACK.registryUrl() ...
 * }</pre>
 *
 * The contract topics are shared by the tests of the class: a test that reads them should use
 * its own {@code application.id} or group id and its own endpoint ids.
 */
public final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

  private final int partitions;
  private Path dataDir;
  private LocalStack stack;

  public LocalStackExtension() {
    this(LocalStack.Options.DEFAULT_PARTITIONS);
  }

  public LocalStackExtension(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    dataDir = TestDirectories.create("burnrate-stack-");
    stack = LocalStack.start(LocalStack.Options.in(dataDir).withPartitions(partitions));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      TestDirectories.deleteRecursively(dataDir);
    }
  }

  public LocalStack stack() {
    return stack;
  }

  public String bootstrapServers() {
    return stack.bootstrapServers();
  }

  public String registryUrl() {
    return stack.registryUrl();
  }
}
