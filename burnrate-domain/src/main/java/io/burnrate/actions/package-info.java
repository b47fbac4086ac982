/**
 * The scale-command policy: which alert causes which command, never for a CRITICAL endpoint (except
 * an allowed emergency SHUTDOWN) nor one without a config record, and the cooldown. Plain Java.
 */
package io.burnrate.actions;
