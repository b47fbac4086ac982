package io.burnrate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where {@link RegionalCostVariance} keeps its {@link RegionalEpisode}s between calls: a state store
 * in the topology, a map in tests and simulations. The rule puts a record back after every change
 * and deletes it once it is {@link RegionalEpisode#empty() empty}.
 */
public interface RegionalEpisodes {
  /** The record of the endpoint of the instance type, or null. */
  RegionalEpisode get(String instanceType, String endpointId);

  void put(RegionalEpisode episode);

  void delete(String instanceType, String endpointId);

  /** Every record, in an order that does not depend on when they were written. */
  List<RegionalEpisode> all();

  /** Records in a sorted map, by instance type and endpoint. */
  static RegionalEpisodes inMemory() {
    Map<List<String>, RegionalEpisode> records = new TreeMap<>(
        (a, b) -> a.get(0).equals(b.get(0)) ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
    return new RegionalEpisodes() {
      @Override
      public RegionalEpisode get(String instanceType, String endpointId) {
        return records.get(List.of(instanceType, endpointId));
      }

      @Override
      public void put(RegionalEpisode episode) {
        records.put(List.of(episode.instanceType, episode.endpointId), episode);
      }

      @Override
      public void delete(String instanceType, String endpointId) {
        records.remove(List.of(instanceType, endpointId));
      }

      @Override
      public List<RegionalEpisode> all() {
        return new ArrayList<>(records.values());
      }
    };
  }
}
