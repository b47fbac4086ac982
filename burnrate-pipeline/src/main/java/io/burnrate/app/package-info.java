/**
 * The application as a topology plus a lifecycle: {@link io.burnrate.app.BurnrateApp} describes the
 * topology and its Kafka Streams settings; {@link io.burnrate.app.StreamsRunner} owns KafkaStreams,
 * its listeners and shutdown. Neither knows CLI details.
 */
package io.burnrate.app;
