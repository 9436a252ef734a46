package org.rowmq.benchmarks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The throughput table as bar charts, one per workload with a scale of its own (the workloads span two orders of
 * magnitude, so one shared axis would flatten the slow ones), and the latency run's p50 and p99.
 */
final class Plot {
    static final String FILE = "throughput";
    private static final int COLUMNS = 3;
    private static final int WIDTH = 520;
    private static final int HEIGHT = 340;

    private Plot() {
    }

    static void write(Results results, List<Workload> workloads, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (Workload w : workloads) {
            if (w.fixedRate()) {
                CategoryChart latency = latency(results, w);
                if (latency != null) charts.add(latency);
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Target t : Target.values()) {
                double m = results.median(t, w);
                if (Double.isNaN(m)) continue;
                names.add(t.title.replace("ActiveMQ ", ""));
                values.add(m);
            }
            if (names.isEmpty()) continue;
            if (w.separateJvm() && !Double.isNaN(results.median(Target.ROWMQ, w.oneJvm()))) {
                // Beside the same workload in one JVM, which is what the reader compares it with.
                names.add("RowMQ, one JVM");
                values.add(results.median(Target.ROWMQ, w.oneJvm()));
            }
            CategoryChart chart = chart(w.title(), "msg/s (median)");
            chart.addSeries("msg/s", names, values);
            charts.add(chart);
        }
        if (charts.isEmpty()) return;
        ImageIO.write(grid(charts), "png", dir.resolve(FILE + ".png").toFile());
    }

    /** The charts side by side, COLUMNS to a row (XChart's own grid needs a chart for every cell). */
    private static BufferedImage grid(List<Chart<?, ?>> charts) {
        int columns = Math.min(COLUMNS, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++)
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * WIDTH, (i / columns) * HEIGHT,
                    null);
        g.dispose();
        return image;
    }

    private static CategoryChart latency(Results results, Workload w) {
        List<String> names = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (Target t : Target.values()) {
            List<RunResult> runs = results.of(t, w);
            if (runs.isEmpty()) continue;
            names.add(t.title.replace("ActiveMQ ", ""));
            p50.add(Results.stats(runs.stream().mapToDouble(r -> r.latency().getValueAtPercentile(50) / 1000.0)
                    .toArray()).getPercentile(50));
            p99.add(Results.stats(runs.stream().mapToDouble(r -> r.latency().getValueAtPercentile(99) / 1000.0)
                    .toArray()).getPercentile(50));
        }
        if (names.isEmpty()) return null;
        CategoryChart chart = chart("latency at a fixed rate, 4 x 4", "ms (median of runs, log scale)");
        chart.getStyler().setLegendVisible(true);
        // The targets' latencies differ by orders of magnitude (a millisecond against a second): on a linear axis
        // all but the slowest were invisible.
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1);
        chart.addSeries("p50", names, p50);
        chart.addSeries("p99", names, p99);
        return chart;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        return chart;
    }
}
