/**
 * The traffic simulator: a deterministic fleet of inference endpoints (traffic shapes, an autoscaler,
 * billing) with injectable cost scenarios and their ground truth, streamed in appearance order to files or
 * topics. Plain Java except {@link io.burnrate.sim.KafkaSink}; must not import topology, engine or rules.
 */
package io.burnrate.sim;
