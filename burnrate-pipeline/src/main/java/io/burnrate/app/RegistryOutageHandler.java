package io.burnrate.app;

import io.burnrate.serde.RegistryException;
import io.burnrate.topology.PipelineMetrics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a record that could not be read because the schema registry gave no usable answer: it is
 * neither dead-lettered nor skipped. The stream thread fails without committing the record, {@link
 * StreamsRunner} replaces the thread, and the new one reads the record again from the last commit,
 * until the registry answers. Bad input never gets here: the ingest step dead-letters it itself
 * (including a schema id the registry says it does not know). Anything else is handled as Kafka
 * Streams' {@link LogAndFailExceptionHandler} does.
 *
 * <p>Set as {@code deserialization.exception.handler}; the {@link PipelineMetrics} to count on come
 * in the Streams properties under {@link #METRICS_CONFIG}.
 */
public final class RegistryOutageHandler implements DeserializationExceptionHandler {
  /** Streams property holding the {@link PipelineMetrics} instance (an object, not text). */
  public static final String METRICS_CONFIG = "burnrate.pipeline.metrics";

  private static final Logger log = LoggerFactory.getLogger(RegistryOutageHandler.class);

  private final LogAndFailExceptionHandler otherErrors = new LogAndFailExceptionHandler();
  private PipelineMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    otherErrors.configure(configs);
    if (configs.get(METRICS_CONFIG) instanceof PipelineMetrics given) {
      metrics = given;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Optional<RegistryException> registryFailure = registryFailureIn(exception);
    if (registryFailure.isEmpty()) {
      return otherErrors.handleError(context, record, exception);
    }
    if (metrics != null) {
      metrics.registryUnavailable(record.topic());
    }
    log.warn("Schema registry unavailable while reading {}-{} at offset {}: {}. The record is kept, not"
            + " dead-lettered: the stream thread restarts and reads it again from the last commit.",
        record.topic(), record.partition(), record.offset(), registryFailure.get().getMessage());
    return Response.fail();
  }

  private static Optional<RegistryException> registryFailureIn(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof RegistryException registryException) {
        return Optional.of(registryException);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }
}
