/**
 * Reading the output topics for people and scripts: one line per alert, command or hourly figure, or
 * one JSON object per record. The reference example of a service subscribing to {@code cost.alerts}.
 * No Kafka Streams types here.
 */
package io.burnrate.tail;
