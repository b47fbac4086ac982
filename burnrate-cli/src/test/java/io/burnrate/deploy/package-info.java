/**
 * Checks of the deployment files at the repository root (docker-compose.yml, Dockerfile, the
 * Prometheus, Alertmanager and Grafana provisioning) against Burnrate's configuration, topics and
 * metrics. Reads files only.
 */
package io.burnrate.deploy;
