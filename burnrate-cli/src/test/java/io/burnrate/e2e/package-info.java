/**
 * Test support for the end-to-end tests with real Prometheus and Alertmanager: the Debian packages'
 * binaries started as child processes on free loopback ports. No Burnrate production code here.
 */
package io.burnrate.e2e;
