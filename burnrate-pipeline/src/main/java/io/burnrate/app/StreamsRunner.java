package io.burnrate.app;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one KafkaStreams instance: starts it, reports state changes, replaces a thread that died of
 * an unexpected error, and closes it within a timeout.
 */
public final class StreamsRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

  private final KafkaStreams streams;
  private final Duration closeTimeout;
  private final Properties properties;
  private BrokerBacklogWatch backlogWatch;

  public StreamsRunner(Topology topology, Properties properties, Duration closeTimeout,
      Consumer<KafkaStreams.State> onState) {
    this.streams = new KafkaStreams(topology, properties);
    this.closeTimeout = closeTimeout;
    this.properties = properties;
    streams.setStateListener((now, before) -> {
      log.info("Kafka Streams {} -> {}", before, now);
      onState.accept(now);
    });
    streams.setUncaughtExceptionHandler(error -> {
      log.error("stream thread failed: {}; replacing it", error.toString(), error);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
  }

  public KafkaStreams streams() {
    return streams;
  }

  public void start() {
    streams.start();
    backlogWatch = BrokerBacklogWatch.start(properties);
  }

  @Override
  public void close() {
    if (backlogWatch != null) {
      backlogWatch.close();
    }
    boolean clean = streams.close(org.apache.kafka.streams.CloseOptions.timeout(closeTimeout));
    if (!clean) {
      log.warn("Kafka Streams did not close within {}", closeTimeout);
    }
  }
}
