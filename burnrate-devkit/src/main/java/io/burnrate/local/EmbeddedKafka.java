package io.burnrate.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is both broker and controller), running
 * inside this JVM on the loopback address, with its data in a directory of the caller's choosing.
 *
 * <p>The directory is formatted on the first start and reused afterwards, so topics, records and
 * committed offsets survive {@link #close()} followed by {@link #start()} (on this instance or on a
 * new one over the same directory). This is the only class that touches Kafka's server internals,
 * which change between releases.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String FORMATTED_MARKER = "meta.properties";
  /** Held from start to stop: Kafka's own lock is taken only after its controller has begun writing. */
  private static final String LOCK_FILE = "burnrate.lock";
  private static final int ATTEMPTS_ON_FREE_PORTS = 3;

  private final Path dataDir;
  private final int requestedPort;
  private final Map<String, String> extraBrokerProperties;
  private final List<Listener> extraListeners;
  private final Map<String, Integer> extraListenerPorts = new LinkedHashMap<>();

  private KafkaRaftServer server;
  private FileChannel lock;
  private int boundPort;

  /**
   * A further broker listener on 127.0.0.1, on a free port picked at the first start and kept on
   * restarts, for example {@code new Listener("SASL_SSL", "SASL_SSL")}. Its own settings ({@code
   * listener.name.sasl_ssl.*}, {@code sasl.enabled.mechanisms}, ...) go in the extra broker properties;
   * brokers and the controller keep talking over PLAINTEXT.
   *
   * @param name the listener's name, e.g. {@code SASL_SSL}
   * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
   */
  public record Listener(String name, String securityProtocol) {
    public Listener {
      if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")
          || name.equalsIgnoreCase(BROKER_LISTENER) || name.equalsIgnoreCase(CONTROLLER_LISTENER)) {
        throw new IllegalArgumentException("listener name must be letters, digits and '_', other than "
            + BROKER_LISTENER + " and " + CONTROLLER_LISTENER + ", was '" + name + "'");
      }
      if (!List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(securityProtocol)) {
        throw new IllegalArgumentException("security protocol of listener " + name
            + " must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, was '" + securityProtocol + "'");
      }
      name = name.toUpperCase(Locale.ROOT);
    }
  }

  /**
   * @param dataDir where the broker keeps its logs and metadata; created if absent, and owned by
   *     the broker alone (no other files in it)
   * @param port the broker's port on 127.0.0.1, or 0 for a free one
   * @param extraBrokerProperties broker settings applied last, over the defaults of this class (for
   *     example further listeners with SASL or TLS)
   */
  public EmbeddedKafka(Path dataDir, int port, Map<String, String> extraBrokerProperties) {
    this(dataDir, port, extraBrokerProperties, List.of());
  }

  /**
   * A broker with further listeners besides its PLAINTEXT one (see {@link Listener}); reach them
   * with {@link #bootstrapServers(String)}.
   */
  public EmbeddedKafka(Path dataDir, int port, Map<String, String> extraBrokerProperties,
      List<Listener> extraListeners) {
    this.extraListeners = List.copyOf(Objects.requireNonNull(extraListeners, "extraListeners"));
    if (this.extraListeners.stream().map(Listener::name).distinct().count() != this.extraListeners.size()) {
      throw new IllegalArgumentException("listener names must differ, were " + this.extraListeners);
    }
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("broker port must be 0 (any free port) or 1..65535, was " + port);
    }
    this.requestedPort = port;
    this.extraBrokerProperties = Map.copyOf(Objects.requireNonNull(extraBrokerProperties, "extraBrokerProperties"));
  }

  /** A broker on a free port with no extra settings. */
  public EmbeddedKafka(Path dataDir) {
    this(dataDir, 0, Map.of());
  }

  /**
   * Formats the data directory if it is new, starts the broker and returns once it answers an
   * admin request. Restarting a closed instance reuses its previous port when that port is free.
   *
   * @throws EmbeddedKafkaException naming the directory or port when the broker cannot start
   */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      throw new IllegalStateException("the broker on " + bootstrapServers() + " is already running");
    }
    long startedAt = System.nanoTime();
    if (requestedPort != 0 && boundPort == 0 && !LoopbackPorts.isFree(requestedPort)) {
      throw portInUse(requestedPort);
    }
    prepareDataDir();
    lockDataDir();
    try {
      if (!isFormatted()) {
        format();
      }
      startOnPorts();
    } catch (RuntimeException e) {
      unlockDataDir();
      throw e;
    }
    awaitAdminAnswer(startedAt);
    log.info("Kafka broker ready on {} (data in {}) after {} ms",
        bootstrapServers(), dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return this;
  }

  /** {@code 127.0.0.1:port} of the running (or last running) broker. */
  public synchronized String bootstrapServers() {
    if (boundPort == 0) {
      throw new IllegalStateException("the broker over " + dataDir + " has not been started");
    }
    return LoopbackPorts.HOST + ":" + boundPort;
  }

  /** {@code 127.0.0.1:port} of the further listener of that name, once started. */
  public synchronized String bootstrapServers(String listenerName) {
    bootstrapServers();
    Integer port = extraListenerPorts.get(listenerName.toUpperCase(Locale.ROOT));
    if (port == null) {
      throw new IllegalArgumentException("the broker has no listener '" + listenerName + "'; its further listeners are "
          + extraListenerPorts.keySet());
    }
    return LoopbackPorts.HOST + ":" + port;
  }

  /** The broker's port on 127.0.0.1, once started. */
  public synchronized int port() {
    bootstrapServers();
    return boundPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker cleanly, waiting at most {@link #STOP_TIMEOUT}; the data stays on disk. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    KafkaRaftServer stopping = server;
    server = null;
    if (shutDown(stopping, STOP_TIMEOUT)) {
      unlockDataDir();
      log.info("Kafka broker on {} stopped", bootstrapServers());
    } else {
      log.warn("Kafka broker on {} did not stop within {} s; {} stays locked until this process ends, "
          + "and its data is recovered on the next start", bootstrapServers(), STOP_TIMEOUT.toSeconds(), dataDir);
    }
  }

  private void prepareDataDir() {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot create the Kafka data directory " + dataDir + ": " + e, e);
    }
    if (!Files.isWritable(dataDir)) {
      throw new EmbeddedKafkaException("the Kafka data directory " + dataDir + " is not writable");
    }
  }

  private void lockDataDir() {
    Path lockFile = dataDir.resolve(LOCK_FILE);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock acquired = tryLock(channel);
      if (acquired == null) {
        throw new EmbeddedKafkaException("the Kafka data directory " + dataDir
            + " is in use by another broker; stop that one or choose another directory");
      }
      lock = channel;
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot lock the Kafka data directory " + dataDir + ": " + e, e);
    } finally {
      if (lock != channel && channel != null) {
        closeQuietly(channel);
      }
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private void unlockDataDir() {
    if (lock != null) {
      closeQuietly(lock);
      lock = null;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("Closing {} failed: {}", channel, e.toString());
    }
  }

  private boolean isFormatted() {
    return Files.exists(dataDir.resolve(FORMATTED_MARKER));
  }

  private void format() {
    String clusterId = Uuid.randomUuid().toString();
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
          .setNodeId(NODE_ID)
          .setClusterId(clusterId)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .addDirectory(dataDir.toString())
          .setMetadataLogDirectory(dataDir.toString())
          .run();
    } catch (Exception e) {
      throw new EmbeddedKafkaException("cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
    }
    log.info("Formatted new Kafka data directory {} (cluster id {})", dataDir, clusterId);
  }

  /** Starts on the requested or previous port; on free ports, retries when another process took one first. */
  private void startOnPorts() {
    boolean portsOfOurChoice = requestedPort == 0;
    int attempts = portsOfOurChoice ? ATTEMPTS_ON_FREE_PORTS : 1;
    int brokerPort = boundPort != 0 ? boundPort : requestedPort;
    for (int attempt = 1; ; attempt++) {
      if (brokerPort == 0 || (portsOfOurChoice && !LoopbackPorts.isFree(brokerPort))) {
        brokerPort = LoopbackPorts.free();
      } else if (!LoopbackPorts.isFree(brokerPort)) {
        throw portInUse(brokerPort);
      }
      int controllerPort = LoopbackPorts.freeExcept(List.of(brokerPort));
      pickExtraListenerPorts(portsOfOurChoice && attempt > 1, brokerPort, controllerPort);
      try {
        server = startServer(brokerPort, controllerPort);
        boundPort = brokerPort;
        return;
      } catch (RuntimeException e) {
        if (attempt < attempts && causedByBind(e)) {
          log.debug("Port {} or {} was taken while the broker started; trying other ports", brokerPort, controllerPort);
          brokerPort = 0;
          continue;
        }
        throw new EmbeddedKafkaException(
            "cannot start the Kafka broker on " + LoopbackPorts.HOST + ":" + brokerPort + " over " + dataDir + ": " + rootMessage(e), e);
      }
    }
  }

  private void pickExtraListenerPorts(boolean afresh, int brokerPort, int controllerPort) {
    Set<Integer> taken = new HashSet<>(List.of(brokerPort, controllerPort));
    for (Listener listener : extraListeners) {
      Integer previous = extraListenerPorts.get(listener.name());
      if (afresh || previous == null || taken.contains(previous) || !LoopbackPorts.isFree(previous)) {
        extraListenerPorts.put(listener.name(), LoopbackPorts.freeExcept(taken));
      }
      taken.add(extraListenerPorts.get(listener.name()));
    }
  }

  private KafkaRaftServer startServer(int brokerPort, int controllerPort) {
    log.debug("Starting Kafka broker on {}:{} (controller on port {}) over {}, extra settings {}",
        LoopbackPorts.HOST, brokerPort, controllerPort, dataDir, extraBrokerProperties.keySet());
    KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(brokerProperties(brokerPort, controllerPort), false), Time.SYSTEM);
    try {
      starting.startup();
      return starting;
    } catch (RuntimeException e) {
      shutDown(starting, STOP_TIMEOUT);
      throw e;
    }
  }

  Map<String, String> brokerProperties(int brokerPort, int controllerPort) {
    String brokerAddress = BROKER_LISTENER + "://" + LoopbackPorts.HOST + ":" + brokerPort;
    String controllerAddress = CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + controllerPort;
    Map<String, String> props = new LinkedHashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + LoopbackPorts.HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    StringBuilder listeners = new StringBuilder(brokerAddress + "," + controllerAddress);
    StringBuilder advertised = new StringBuilder(brokerAddress);
    StringBuilder protocols = new StringBuilder(BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    for (Listener listener : extraListeners) {
      String address = listener.name() + "://" + LoopbackPorts.HOST + ":" + extraListenerPorts.get(listener.name());
      listeners.append(',').append(address);
      advertised.append(',').append(address);
      protocols.append(',').append(listener.name()).append(':').append(listener.securityProtocol());
    }
    props.put("listeners", listeners.toString());
    props.put("advertised.listeners", advertised.toString());
    props.put("listener.security.protocol.map", protocols.toString());
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("log.dirs", dataDir.toString());
    props.put("server.max.startup.time.ms", String.valueOf(START_TIMEOUT.toMillis()));

    // One node: every internal topic has one replica, and topics exist only when asked for.
    props.put("auto.create.topics.enable", "false");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");

    // Small and local: modest segments, few threads, a small cleaner buffer. No time-based retention:
    // demos and tests replay days that lie weeks back, and records are stamped with their event time.
    props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    props.put("log.retention.ms", "-1");
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("num.recovery.threads.per.data.dir", "1");

    props.putAll(extraBrokerProperties);
    return props;
  }

  private void awaitAdminAnswer(long startedAt) {
    long deadline = startedAt + START_TIMEOUT.toNanos();
    Map<String, Object> adminConfig = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    Exception lastProblem = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
          int timeoutMs = (int) Math.min(remainingMs, 10_000);
          if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
              .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          lastProblem = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new EmbeddedKafkaException("interrupted while waiting for the Kafka broker on " + bootstrapServers(), e);
        }
      }
    }
    close();
    throw new EmbeddedKafkaException("the Kafka broker on " + bootstrapServers() + " did not answer within "
        + START_TIMEOUT.toSeconds() + " s" + (lastProblem == null ? "" : ": " + rootMessage(lastProblem)), lastProblem);
  }

  private static boolean shutDown(KafkaRaftServer stopping, Duration timeout) {
    Thread stopper = new Thread(() -> {
      stopping.shutdown();
      stopping.awaitShutdown();
    }, "embedded-kafka-shutdown");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !stopper.isAlive();
  }

  private static EmbeddedKafkaException portInUse(int port) {
    return new EmbeddedKafkaException(
        "port " + port + " on " + LoopbackPorts.HOST + " is in use; choose another port or stop the other process");
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
