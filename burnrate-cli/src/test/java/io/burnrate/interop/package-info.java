/**
 * Interoperability tests against Confluent's official clients in other languages (Node.js).
 * Test code only; it drives the real local stack and external processes, and imports no pipeline internals.
 */
package io.burnrate.interop;
