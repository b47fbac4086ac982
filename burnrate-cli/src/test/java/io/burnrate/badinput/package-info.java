/**
 * Bad input thrown at every input topic: a table of cases on the real broker and registry, generated
 * garbage on the topology test driver, and the bounds on state-store memory. Tests only; imports the
 * application's public classes, never another test package.
 */
package io.burnrate.badinput;
