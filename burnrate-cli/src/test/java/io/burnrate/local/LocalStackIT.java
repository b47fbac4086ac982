package io.burnrate.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {

  @Test
  void startsBrokerTopicsAndRegistryAndKeepsTopicsAcrossARestart(@TempDir Path dir) throws Exception {
    LocalStack.Options options = LocalStack.Options.in(dir).withPartitions(2);
    try (LocalStack stack = LocalStack.start(options)) {
      assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(stack.registryUrl()).startsWith("http://127.0.0.1:");
      assertThat(stack.topics().keySet()).containsExactlyElementsOf(TopicNames.DEFAULTS.pipelineTopics());
      assertThat(stack.topics().values()).containsOnly(2);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .containsAll(TopicNames.DEFAULTS.pipelineTopics());
      }
      assertThat(get(stack.registryUrl() + "/subjects").statusCode()).isEqualTo(200);
    }
    assertThat(dir.resolve(LocalStack.KAFKA_DIRECTORY).resolve("meta.properties")).exists();

    try (LocalStack again = LocalStack.start(options.withPartitions(5))) {
      assertThat(again.topics().values()).as("existing topics keep their partition count").containsOnly(2);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
