package io.secondlook.app.gui;

import io.secondlook.core.records.LabSeries;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * One lab test over time (JFreeChart-FX), with its reference range drawn as a band behind the line; points out of
 * range stand out against it. Colours follow the window's dark theme.
 */
final class LabTrendChart {
    private static final Color BACKGROUND = new Color(0x1a1c1f);
    private static final Color GRID = new Color(0x2e3236);
    private static final Color TEXT = new Color(0xc4c7cb);
    private static final Color LINE = new Color(0x4a8bbf);
    private static final Color BAND = new Color(0x1f4a34);

    private final TimeSeriesCollection dataset = new TimeSeriesCollection();
    private final JFreeChart chart = ChartFactory.createTimeSeriesChart(null, null, null, dataset, false, true, false);
    private final ChartViewer viewer = new ChartViewer(chart);
    private Marker referenceRange;

    LabTrendChart() {
        viewer.setId("labChart");
        viewer.setPrefSize(320, 220);
        viewer.setMinHeight(180);
        chart.setBackgroundPaint(BACKGROUND);
        chart.setAntiAlias(true);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(BACKGROUND);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        for (var axis : new org.jfree.chart.axis.Axis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setTickLabelPaint(TEXT);
            axis.setLabelPaint(TEXT);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
        }
        ((DateAxis) plot.getDomainAxis()).setLowerMargin(0.03);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, LINE);
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        plot.setRenderer(renderer);
    }

    ChartViewer view() {
        return viewer;
    }

    /** Plots the series, replacing what was shown; null clears the chart. */
    void show(LabSeries lab) {
        XYPlot plot = chart.getXYPlot();
        dataset.removeAllSeries();
        if (referenceRange != null) {
            plot.removeRangeMarker(referenceRange, Layer.BACKGROUND);
            referenceRange = null;
        }
        if (lab == null) {
            plot.getRangeAxis().setLabel(null);
            return;
        }
        TimeSeries series = new TimeSeries(lab.display());
        for (LabSeries.Point p : lab.points()) {
            series.addOrUpdate(new FixedMillisecond(p.time().toEpochMilli()), p.value());
        }
        dataset.addSeries(series);
        LabSeries.Point last = lab.points().isEmpty() ? null : lab.points().get(lab.points().size() - 1);
        plot.getRangeAxis().setLabel(last == null ? null : last.unit());
        referenceRange = last == null ? null : band(last.low(), last.high());
        if (referenceRange != null) {
            plot.addRangeMarker(referenceRange, Layer.BACKGROUND);
        }
    }

    /** The reference range as a band, or a line when only one end is known. */
    private static Marker band(Double low, Double high) {
        Marker marker;
        if (low != null && high != null) {
            marker = new IntervalMarker(low, high, BAND);
        } else if (low != null || high != null) {
            marker = new ValueMarker(Objects.requireNonNullElse(low, high), BAND.brighter(), new BasicStroke(1.5f));
        } else {
            return null;
        }
        marker.setAlpha(0.55f);
        return marker;
    }

    /** What is plotted; for tests. */
    TimeSeriesCollection dataset() {
        return dataset;
    }

    /** The reference range drawn, or null; for tests. */
    Marker referenceRange() {
        return referenceRange;
    }
}
