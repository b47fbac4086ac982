package io.burnrate.rules;

import java.time.LocalDate;

/** What the budget-day rules judge: one budget day of an endpoint so far. */
public record DayFigures(
    long dayStart,
    long dayEnd,
    LocalDate date,
    long spendMicros,
    String source,
    long scaleUps,
    long coldStartTransferMicros) {}
