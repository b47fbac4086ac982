/**
 * Checks of the deployment files at the repository root (docker-compose.yml, Dockerfile, the
 * Prometheus, Alertmanager and Grafana provisioning) against Burnrate's configuration, topics and
 * metrics, reading the files only; and of the server jar the image runs ({@code ServerJarIT}), run
 * as the container runs it.
 */
package io.burnrate.deploy;
