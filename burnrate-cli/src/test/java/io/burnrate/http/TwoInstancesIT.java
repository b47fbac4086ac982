package io.burnrate.http;

import static io.burnrate.http.Inputs.at;
import static io.burnrate.http.Inputs.bill;
import static io.burnrate.http.Inputs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.burnrate.local.LocalStackExtension;
import io.burnrate.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances with one application.id share two partitions; each owns the endpoints of one. Asked
 * either instance, the HTTP endpoint answers for every endpoint (forwarding to the owner), and active
 * alerts come from both.
 */
class TwoInstancesIT {
  private static final int PARTITIONS = 2;

  @RegisterExtension static final LocalStackExtension LOCAL = new LocalStackExtension(PARTITIONS);

  private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));

  @Test
  void eitherInstanceAnswersForAnyEndpoint() throws Exception {
    // Two endpoints per partition, each over its $100 budget by its own amount.
    Map<String, Double> spend = new LinkedHashMap<>();
    int[] perPartition = new int[PARTITIONS];
    for (int i = 0; spend.size() < 2 * PARTITIONS; i++) {
      String endpoint = "two-" + i;
      int partition = Utils.toPositive(Utils.murmur2(endpoint.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      if (perPartition[partition] < 2) {
        perPartition[partition]++;
        spend.put(endpoint, 130.0 + 10 * spend.size());
      }
    }

    try (RunningInstance first = new RunningInstance(LOCAL.bootstrapServers(), LOCAL.registryUrl(), "two-it");
        RunningInstance second = new RunningInstance(LOCAL.bootstrapServers(), LOCAL.registryUrl(), "two-it");
        BrokerInputs inputs = new BrokerInputs(LOCAL.bootstrapServers(), LOCAL.registryUrl())) {
      first.start();
      second.start();
      await().atMost(Duration.ofSeconds(90)).until(() -> first.streams().state() == KafkaStreams.State.RUNNING
          && second.streams().state() == KafkaStreams.State.RUNNING
          && first.hasActiveTasks() && second.hasActiveTasks());

      spend.forEach((endpoint, usd) -> {
        inputs.config(config(endpoint, 100.0));
        inputs.bill(bill(endpoint, at(DAY, "10:00"), at(DAY, "11:00"), usd));
      });
      inputs.flush();

      Map<String, String> ownerOf = new LinkedHashMap<>();
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        ownerOf.clear();
        for (Map.Entry<String, Double> entry : spend.entrySet()) {
          String endpoint = entry.getKey();
          String owner = owner(first.streams(), endpoint);
          ownerOf.put(endpoint, owner);
          for (RunningInstance asked : List.of(first, second)) {
            Client.Reply today = asked.client.get("/endpoints/" + endpoint + "/today");
            assertThat(today.status()).as(endpoint + " asked at " + asked.self).isEqualTo(200);
            assertThat(today.servedBy()).as(endpoint + " asked at " + asked.self).isEqualTo(owner);
            assertThat(today.json()).as(endpoint).containsEntry("daily_spend_usd", entry.getValue());
          }
        }
      });
      assertThat(new HashSet<>(ownerOf.values())).as("each instance owns some of the endpoints")
          .containsExactlyInAnyOrder(address(first.self), address(second.self));

      String firstOwned = ownerOf.entrySet().stream().filter(e -> e.getValue().equals(address(first.self)))
          .findFirst().orElseThrow().getKey();
      Client.Reply hourlyViaSecond = second.client.get("/endpoints/" + firstOwned + "/hourly?from="
          + at(DAY, "10:00") + "&to=" + at(DAY, "11:00"));
      assertThat(hourlyViaSecond.servedBy()).isEqualTo(address(first.self));
      assertThat(hourlyViaSecond.list("hours")).singleElement()
          .satisfies(h -> assertThat(h).containsEntry("spend_usd", spend.get(firstOwned)));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        for (RunningInstance asked : List.of(first, second)) {
          Client.Reply active = asked.client.get("/alerts/active");
          assertThat(active.status()).isEqualTo(200);
          Set<Object> alerted = new HashSet<>();
          for (Map<String, Object> alert : active.list("alerts")) {
            if ("DAILY_BUDGET_120".equals(alert.get("rule"))) {
              alerted.add(alert.get("endpoint_id"));
            }
          }
          assertThat(alerted).as("asked at " + asked.self).isEqualTo(spend.keySet());
        }
      });
      assertThat(first.client.get("/alerts/active").json()).isEqualTo(second.client.get("/alerts/active").json());
    }
  }

  private static String owner(KafkaStreams streams, String endpoint) {
    HostInfo host = streams.queryMetadataForKey(StoreNames.ENDPOINT_STATE, endpoint, new StringSerializer())
        .activeHost();
    return address(host);
  }

  private static String address(HostInfo host) {
    return host.host() + ":" + host.port();
  }
}
