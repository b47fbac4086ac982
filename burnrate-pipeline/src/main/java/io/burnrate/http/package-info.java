/**
 * The HTTP endpoint: Prometheus {@code /metrics}, health for probes, and interactive queries over the
 * pipeline's state stores (forwarded to the instance that owns a key). Reads stores only; must not
 * write to stores or topics, and must not import {@code cli}.
 */
package io.burnrate.http;
