package io.github.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report reads JMH's JSON shape and pairs the methods by the naming convention. */
class RatioReportTest {

  private static String result(String method, String params, String unit, double... samples) {
    StringBuilder raw = new StringBuilder();
    double sum = 0;
    for (double s : samples) {
      raw.append(raw.length() == 0 ? "" : ", ").append(s);
      sum += s;
    }
    return "{\"jmhVersion\" : \"1.37\", \"benchmark\" : \"p.q." + method + "\", \"mode\" : \"avgt\","
        + " \"forks\" : 1, \"jvmArgs\" : [ \"-Xmx1g\" ], \"params\" : " + params + ","
        + " \"primaryMetric\" : { \"score\" : " + sum / samples.length + ", \"scoreError\" : \"NaN\","
        + " \"scoreUnit\" : \"" + unit + "\", \"rawData\" : [ [ " + raw + " ] ] },"
        + " \"secondaryMetrics\" : { \"gc.alloc.rate.norm\" : { \"score\" : 1.5E-5,"
        + " \"scoreUnit\" : \"B/op\" }, \"cpu.time\" : { \"score\" : 0, \"scoreUnit\" : \""
        + unit + "\", \"rawData\" : [ [ " + raw + " ] ] } } }";
  }

  @Test
  void ratiosOfMediansPerProblemAndParameters() {
    String json = "[" + String.join(",",
        result("RosenbrockBench.f", "{ \"n\" : \"10\" }", "us/op", 1, 1, 100),
        result("RosenbrockBench.generatedValueAndGradient", "{ \"n\" : \"10\" }", "us/op", 3, 3, 3),
        result("RosenbrockBench.handValueAndGradient", "{ \"n\" : \"10\" }", "us/op", 2, 2, 2),
        result("RosenbrockBench.polyF", "{ }", "ns/op", 4, 4),
        result("RosenbrockBench.polyGeneratedJvp", "{ }", "ns/op", 6, 6)) + "]";
    List<?> parsed = (List<?>) Json.parse(json);
    List<RatioReport.Row> rows = RatioReport.rows(parsed);
    assertEquals(5, rows.size());
    assertEquals(1.0, rows.get(0).median);
    assertEquals(34.0, rows.get(0).mean);
    assertTrue(Double.isNaN(rows.get(0).error));
    assertEquals(1.5e-5, rows.get(0).allocPerOp);
    assertEquals("n=10", rows.get(0).params);
    assertEquals(1.0, rows.get(0).cpuMedian);

    String report = RatioReport.report(rows);
    assertTrue(report.contains(
        "| RosenbrockBench (n=10) | generated ValueAndGradient ÷ f | 3.00 | 3.00 | 0.09 ± NaN | ≤ 2.0 | **no** |"),
        report);
    assertTrue(report.contains(
        "| RosenbrockBench (n=10) | generated ValueAndGradient ÷ hand ValueAndGradient | 1.50 |"), report);
    assertTrue(report.contains("| RosenbrockBench (n=10) | hand ValueAndGradient ÷ f | 2.00 |"), report);
    assertTrue(report.contains("| RosenbrockBench poly | generated Jvp ÷ f | 1.50 |"), report);
    assertTrue(report.contains(
        "| RosenbrockBench.generatedValueAndGradient | n=10 | 1.5e-05 |  |  |"), report);
  }

  @Test
  void jsonValues() {
    Object v = Json.parse("{\"a\": [1, -2.5e3, true, false, null, \"x\\\"\\u00e9\"], \"b\": {}}");
    assertEquals("{a=[1.0, -2500.0, true, false, null, x\"é], b={}}", v.toString());
  }
}
