/**
 * Tests of Burnrate against a schema registry that is down, restarted, or holds newer or foreign
 * schemas: the start-up check, outages mid-run, registry restarts and schema evolution.
 */
package io.burnrate.registryfaults;
