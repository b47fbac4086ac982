/**
 * The Alertmanager bridge: a consumer group on {@code cost.alerts} that posts each alert to
 * Alertmanager's v2 API and re-posts the active ones before Alertmanager times them out. Must not
 * import Kafka Streams, {@code topology}, {@code http} or {@code cli}.
 */
package io.burnrate.alertmanager;
