package io.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A harness's figures as a PNG chart in {@code target/bench/<name>.png}, beside its Markdown report (which links it
 * with {@link Report#image}). Drawn headless: the harnesses run on machines without a display.
 */
final class Plot {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    /** series name -> (x -> y), in the order added; x is a number for a line chart, a category's name for a bar chart. */
    private final Map<String, Map<Comparable<?>, Number>> series = new LinkedHashMap<>();

    private Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    static Plot of(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel);
    }

    /** Adds the point (x, y) to the named series. */
    Plot point(String seriesName, double x, Number y) {
        series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).put(x, y);
        return this;
    }

    /** Adds a bar of height {@code y} in the category {@code x} to the named series (bar charts only). */
    Plot bar(String seriesName, String x, Number y) {
        series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).put(x, y);
        return this;
    }

    /** A line chart of the series over a numeric x axis; returns the PNG's path. */
    Path writeLine(String name) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((label, points) -> {
            XYSeries s = new XYSeries(label);
            points.forEach((x, y) -> s.add((Number) x, y));
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        // a marker on each measured point: few points (instances, concurrencies), the lines only join them
        chart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
        boolean whole = series.values().stream().flatMap(p -> p.keySet().stream())
                .allMatch(x -> ((Number) x).doubleValue() == Math.rint(((Number) x).doubleValue()));
        if (whole) {
            ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return write(name, chart);
    }

    /** A bar chart: one group of bars per x value, one bar per series; returns the PNG's path. */
    Path writeBars(String name) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((label, points) -> points.forEach((x, y) -> data.addValue(y, label, x)));
        return write(name, ChartFactory.createBarChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false));
    }

    private static Path write(String name, JFreeChart chart) throws IOException {
        Path file = Path.of("target", "bench", name + ".png");
        Files.createDirectories(file.getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
