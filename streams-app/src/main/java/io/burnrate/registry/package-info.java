/**
 * The embedded Confluent-API schema registry: HTTP API, subjects and compatibility rules, and its
 * store (a compacted Kafka topic, or memory for tests). It must not import the pipeline's packages
 * (topology, rules, serde): those are its clients, over HTTP.
 */
package io.burnrate.registry;
