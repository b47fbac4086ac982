/**
 * Seasonal baselines (hour of day × weekday/weekend), the noise gate that baseline rules pass
 * through, and the end-of-day budget forecast. Plain Java over plain values (money in micro-dollars,
 * time in epoch ms); imports nothing from Kafka and no Avro types.
 */
package io.burnrate.baseline;
