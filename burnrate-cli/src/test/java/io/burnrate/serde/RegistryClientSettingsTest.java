package io.burnrate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryClientSettingsTest {

  @Test
  void parsesCommaSeparatedUrlsWithDefaults() {
    RegistryClientSettings settings = RegistryClientSettings.forUrls("http://a:8081/, https://b:8081");

    assertThat(settings.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8081"));
    assertThat(settings.maxAttempts()).isEqualTo(RegistryClientSettings.DEFAULT_MAX_ATTEMPTS);
    assertThat(settings.requestTimeout()).isEqualTo(RegistryClientSettings.DEFAULT_REQUEST_TIMEOUT);
    assertThat(settings.basicAuthUserInfo()).isEmpty();
    assertThat(settings.sslContext()).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> new RegistryClientSettings(
            List.of(URI.create("ftp://a")), Duration.ZERO, Duration.ofSeconds(-1), 0,
            Duration.ofMillis(-5), Duration.ZERO, Duration.ZERO, Optional.of("nocolon"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ftp://a' must start with http:// or https://")
        .hasMessageContaining("connectTimeout: PT0S, must be a positive duration")
        .hasMessageContaining("requestTimeout: PT-1S")
        .hasMessageContaining("maxAttempts: 0, must be at least 1")
        .hasMessageContaining("initialBackoff: PT-0.005S")
        .hasMessageContaining("basic.auth.user.info: must be user:password (value not shown)")
        .hasMessageNotContaining("nocolon");
  }

  @Test
  void credentialsInAUrlAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> RegistryClientSettings.forUrls("http://svc:s3cr3t@registry:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set basic.auth.user.info instead")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> RegistryClientSettings.forUrls("http://svc:s3cr3t@bad host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("s3cr3t")
        .hasNoCause();
  }

  @Test
  void needsAUrl() {
    assertThatThrownBy(() -> RegistryClientSettings.forUrls(" , "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one registry URL is required");
  }

  @Test
  void toStringHidesThePassword() {
    RegistryClientSettings settings = RegistryClientSettings.forUrls("http://a:8081").withBasicAuth("svc:p@ss:word");

    assertThat(settings.toString()).contains("basicAuth=svc:****").doesNotContain("p@ss").doesNotContain("word");
  }
}
