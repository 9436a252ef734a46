package org.rowmq.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The throughput table as a bar chart, one group of bars per workload. */
final class Plot {
    static final String FILE = "throughput";

    private Plot() {
    }

    static void write(Results results, List<Workload> workloads, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Workload> shown = workloads.stream().filter(w -> !w.fixedRate()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
                .title("Messages received per second (median of repetitions; topic: per subscriber)")
                .xAxisTitle("workload").yAxisTitle("msg/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<String> names = shown.stream().map(Workload::id).toList();
        for (Target t : Target.values()) {
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (Workload w : shown) {
                double m = results.median(t, w);
                // A workload the target did not run has no bar, not a bar of zero.
                values.add(Double.isNaN(m) ? null : m);
                any |= !Double.isNaN(m);
            }
            if (any) chart.addSeries(t.title, names, values);
        }
        if (chart.getSeriesMap().isEmpty()) return;
        BitmapEncoder.saveBitmap(chart, dir.resolve(FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
