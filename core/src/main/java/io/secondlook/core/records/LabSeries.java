package io.secondlook.core.records;

import java.time.Instant;
import java.util.List;

/** One lab test's results over time, oldest first, for a trend plot. */
public record LabSeries(String loinc, String display, List<Point> points) {

    public LabSeries {
        points = List.copyOf(points);
    }

    /** One result with its unit and the reference range that applied to it (either end may be null). */
    public record Point(Instant time, double value, String unit, Double low, Double high) {
    }
}
