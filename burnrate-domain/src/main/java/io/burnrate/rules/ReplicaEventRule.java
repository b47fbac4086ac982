package io.burnrate.rules;

/**
 * A rule over the endpoint's replica count: fires on the replica event that crosses the threshold,
 * resolves once the count has stayed back under it, less the hysteresis, for the clear time.
 */
public interface ReplicaEventRule extends Rule {
  Reading judge(int replicas, EndpointSettings endpoint, double hysteresis);

  String firingMessage(int replicas, EndpointSettings endpoint, Reading reading);

  String resolvedMessage(int replicas, EndpointSettings endpoint, Reading reading);
}
