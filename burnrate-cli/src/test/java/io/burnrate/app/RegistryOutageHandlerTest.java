package io.burnrate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.serde.RegistryException;
import io.burnrate.serde.WireFormatException;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class RegistryOutageHandlerTest {

  private static final String TOPIC = "inference.requests";
  private static final byte[] KEY = "llama-eu".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {0, 0, 0, 0, 7, 2, 4};

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RegistryOutageHandler handler = new RegistryOutageHandler();

  RegistryOutageHandlerTest() {
    handler.configure(Map.of(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "burnrate.dlq",
        RegistryOutageHandler.METRICS_CONFIG, new PipelineMetrics(meters)));
  }

  @Test
  void aRegistryThatDoesNotAnswerFailsTheThreadWithoutADeadLetterAndIsCounted() {
    RegistryException outage = new RegistryException("fetch schema by id", "failed after 5 attempt(s)",
        RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE, null, null, 7, null);

    Response response = handler.handleError(context(), record(), outage);

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(meters.get("burnrate.registry.unavailable").tag("topic", TOPIC).counter().count()).isEqualTo(1.0);
  }

  @Test
  void anyOtherRegistryFailureIsNotDeadLetteredEither() {
    RegistryException unauthorized = RegistryException.rejected("fetch schema by id", 401, 401, "Unauthorized", null, 7);

    Response response = handler.handleError(context(), record(), new IllegalStateException("wrapped", unauthorized));

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void otherErrorsAreHandledAsKafkaStreamsDoesByDefault() {
    Response response = handler.handleError(context(), record(), new WireFormatException(TOPIC + ": bad magic byte"));

    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).singleElement()
        .satisfies(letter -> assertThat(letter.topic()).isEqualTo("burnrate.dlq"));
    assertThat(meters.find("burnrate.registry.unavailable").counter()).isNull();
  }

  private static ConsumerRecord<byte[], byte[]> record() {
    return new ConsumerRecord<>(TOPIC, 1, 42L, KEY, VALUE);
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return TOPIC;
      }

      @Override
      public int partition() {
        return 1;
      }

      @Override
      public long offset() {
        return 42L;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "requests-source";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 1);
      }

      @Override
      public long timestamp() {
        return 0L;
      }

      @Override
      public byte[] sourceRawKey() {
        return KEY;
      }

      @Override
      public byte[] sourceRawValue() {
        return VALUE;
      }
    };
  }
}
