/**
 * What {@code burnrate demo} shows: the alerts, commands and hourly figures the pipeline produced
 * for a simulated fleet, summed per endpoint and held against the simulator's ground truth. Plain
 * Java over the contract's records; no Kafka here.
 */
package io.burnrate.demo;
