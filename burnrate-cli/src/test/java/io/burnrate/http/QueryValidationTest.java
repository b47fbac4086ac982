package io.burnrate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.config.BurnrateConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad endpoint ids and ranges, sent over a socket to the server as {@code burnrate run} configures it
 * by default: each is a 400 naming the parameter and the reason, never a stack trace. No Kafka Streams
 * is attached, so every request that passes validation is a 503.
 */
class QueryValidationTest {
  private static final BurnrateConfig DEFAULTS = BurnrateConfig.of(Map.of(BurnrateConfig.HTTP_PORT, "0"));
  private static final String LONG_ID = "a".repeat(257);

  private static BurnrateHttpServer http;
  private static Client client;

  @BeforeAll
  static void start() {
    http = new BurnrateHttpServer(DEFAULTS.getString(BurnrateConfig.HTTP_HOST), DEFAULTS.getInt(BurnrateConfig.HTTP_PORT),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), DEFAULTS.pipeline()).start();
    client = new Client(http.url());
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  @Test
  void bindsLoopbackOnlyByDefault() {
    assertThat(DEFAULTS.getString(BurnrateConfig.HTTP_HOST)).isEqualTo("127.0.0.1");
    assertThat(http.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(http.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # target                                                                             | parameter | reason
      /endpoints/%00/today                                                                 | id        | control character (U+0000)
      /endpoints/ep%0Aforged-log-line/today                                                | id        | control character (U+000A)
      /endpoints/ep%1B%5B31m/hourly                                                        | id        | control character (U+001B)
      /endpoints/..%2F..%2Fetc%2Fpasswd/today                                              | id        | path segment '..'
      /endpoints/..%2Fadmin/hourly                                                         | id        | path segment '..'
      /endpoints/%2E%2E/today                                                              | id        | path segment '..'
      /endpoints/a%2F.%2Fb/today                                                           | id        | path segment '.'
      /endpoints/%20%20/today                                                              | id        | empty
      /endpoints/LONG/today                                                                | id        | 257 characters long
      /endpoints/ep/hourly?from=2026-03-02T11:00:00Z&to=2026-03-02T10:00:00Z               | from      | must be before 'to'
      /endpoints/ep/hourly?from=2026-03-02T10:00:00Z&to=2026-03-02T10:00:00Z               | from      | must be before 'to'
      /endpoints/ep/hourly?from=1772445600000&to=1&                                        | from      | must be before 'to'
      /endpoints/ep/hourly?from=2026-01-01T00:00:00Z&to=2026-03-02T00:00:00Z               | from      | longer than 31 days
      /endpoints/ep/hourly?from=yesterday                                                  | from      | neither an ISO-8601 instant
      /endpoints/ep/hourly?to=2026-13-45T99:00:00Z                                         | to        | neither an ISO-8601 instant
      /endpoints/ep/hourly?from=99999999999999999999999                                    | from      | neither an ISO-8601 instant
      /endpoints/ep/hourly?from=999999999999999999                                         | from      | outside the years 0001 to 9999
      /endpoints/ep/hourly?to=%2B1000000-01-01T00:00:00Z                                   | to        | outside the years 0001 to 9999
      /endpoints/ep/hourly?from=-999999999999999999                                        | from      | outside the years 0001 to 9999
      /endpoints/ep/hourly?from=1&from=2                                                   | from      | more than once
      /endpoints/ep/hourly?since=1                                                         | since     | unknown parameter 'since'
      /endpoints/ep/today?from=1                                                           | from      | unknown parameter 'from'
      """)
  void aBadIdOrRangeIs400WithAReasonAndNoStackTrace(String target, String parameter, String reason) {
    Client.Reply reply = client.get(target.replace("LONG", LONG_ID));

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.json()).containsEntry("status", 400).containsEntry("parameter", parameter);
    assertThat((String) reply.json().get("error")).contains(reason);
    assertThat(reply.body()).doesNotContain("Exception", "at io.", "at java.", "\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /endpoints/ep/today
      /endpoints/team%2Fa%20b+c/today
      /endpoints/v1.2..3/today
      /endpoints/ep/hourly?from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z
      /endpoints/ep/hourly?from=-1
      """)
  void aGoodIdOrRangePassesValidation(String target) {
    Client.Reply reply = client.get(target);

    assertThat(reply.status()).as("not started yet, so 503 rather than 400: %s", reply.body()).isEqualTo(503);
    assertThat(reply.json()).containsEntry("state", "STARTING");
  }
}
