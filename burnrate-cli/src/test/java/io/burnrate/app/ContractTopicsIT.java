package io.burnrate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnrate.config.TopicNames;
import io.burnrate.local.EmbeddedKafkaExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContractTopicsIT {

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void createsEveryPipelineTopicOnceWithEndpointConfigCompacted() throws Exception {
    TopicNames names = namesWithPrefix("fresh");
    Admin admin = KAFKA.admin();

    ContractTopics.Outcome first = new ContractTopics(admin, names).ensure(4);
    ContractTopics.Outcome second = new ContractTopics(admin, names).ensure(4);

    assertThat(first.created()).containsExactlyInAnyOrderElementsOf(names.pipelineTopics());
    assertThat(first.partitions()).containsOnlyKeys(names.pipelineTopics());
    assertThat(first.partitions().keySet()).containsExactlyElementsOf(names.pipelineTopics());
    assertThat(first.partitions().values()).containsOnly(4);
    assertThat(second.created()).isEmpty();
    assertThat(second.warnings()).isEmpty();
    assertThat(cleanupPolicy(admin, names.endpointConfig())).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    assertThat(cleanupPolicy(admin, names.requests())).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
  }

  @Test
  void keepsExistingInputTopicsAndSaysWhichDifferFromTheCountAskedFor() throws Exception {
    TopicNames names = namesWithPrefix("existing");
    Admin admin = KAFKA.admin();
    createAll(admin, 6, names.requests(), names.replicas(), names.billing());

    ContractTopics.Outcome outcome = new ContractTopics(admin, names).ensure(3);

    assertThat(outcome.created()).doesNotContain(names.requests(), names.replicas(), names.billing());
    assertThat(outcome.partitions()).containsEntry(names.requests(), 6).containsEntry(names.alerts(), 3)
        .as("a missing input joins the existing ones").containsEntry(names.endpointConfig(), 6);
    assertThat(outcome.warnings()).containsExactly(
        "topic " + names.requests() + " already exists with 6 partitions, not the 3 asked for; it is kept as it is",
        "topic " + names.replicas() + " already exists with 6 partitions, not the 3 asked for; it is kept as it is",
        "topic " + names.billing() + " already exists with 6 partitions, not the 3 asked for; it is kept as it is");
  }

  @Test
  void refusesInputTopicsWithDifferentPartitionCounts() throws Exception {
    TopicNames names = namesWithPrefix("skewed");
    Admin admin = KAFKA.admin();
    createAll(admin, 2, names.requests(), names.billing(), names.endpointConfig());
    createAll(admin, 5, names.replicas());

    String expected = "the input topics must have the same number of partitions, so that one endpoint's records "
        + "meet in one task, but they have " + names.requests() + "=2, " + names.replicas() + "=5, "
        + names.billing() + "=2, " + names.endpointConfig() + "=2; recreate them with one partition count";
    assertThatThrownBy(() -> ContractTopics.requireCoPartitioned(admin, names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> new ContractTopics(admin, names).ensure(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(expected);
  }

  @Test
  void acceptsCoPartitionedInputsAndNamesAMissingOne() throws Exception {
    TopicNames names = namesWithPrefix("partial");
    Admin admin = KAFKA.admin();
    createAll(admin, 3, names.requests(), names.replicas(), names.endpointConfig());

    assertThatThrownBy(() -> ContractTopics.requireCoPartitioned(admin, names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("topic " + names.billing() + " does not exist; create the contract's topics first");

    createAll(admin, 3, names.billing());
    ContractTopics.requireCoPartitioned(admin, names);
  }

  private static TopicNames namesWithPrefix(String prefix) {
    String p = EmbeddedKafkaExtension.uniqueName(prefix) + ".";
    TopicNames d = TopicNames.DEFAULTS;
    return new TopicNames(p + d.requests(), p + d.replicas(), p + d.billing(), p + d.endpointConfig(),
        p + d.alerts(), p + d.commands(), p + d.hourlyMetrics(), p + d.deadLetters(), p + d.schemas());
  }

  private static void createAll(Admin admin, int partitions, String... topics) throws Exception {
    List<NewTopic> newTopics = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
    admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
    // Created at the controller is not yet listed by the broker: wait until it is.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(Arrays.asList(topics)));
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Map<ConfigResource, Config> configs =
        admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS);
    return configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
  }
}
