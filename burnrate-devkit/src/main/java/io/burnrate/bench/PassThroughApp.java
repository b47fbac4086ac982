package io.burnrate.bench;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The baseline: bytes in, bytes out, one output topic per input, nothing in between. */
public final class PassThroughApp {
  private PassThroughApp() {}

  /** @param outputOf the output topic of each input topic */
  public static Topology topology(Map<String, String> outputOf) {
    StreamsBuilder builder = new StreamsBuilder();
    outputOf.forEach((input, output) -> builder
        .stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + input))
        .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-" + output)));
    return builder.build();
  }
}
