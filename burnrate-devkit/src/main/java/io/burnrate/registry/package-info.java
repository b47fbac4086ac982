/**
 * The embedded Confluent-API schema registry: HTTP API, subjects and compatibility rules, and its
 * store (a compacted Kafka topic, or memory for tests). Of the pipeline it shares the topic names and
 * the compatibility levels only: the topology and its serdes are its clients, over HTTP.
 */
package io.burnrate.registry;
