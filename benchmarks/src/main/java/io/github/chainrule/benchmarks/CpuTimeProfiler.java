package io.github.chainrule.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark JVM spends per call: {@code -prof
 * io.github.chainrule.benchmarks.CpuTimeProfiler} adds a secondary result {@code cpu.time} in the
 * benchmark's own unit (e.g. us/op).
 *
 * <p>It is the process's CPU time over each iteration (the benchmark thread, and also the garbage
 * collector's threads, so allocation is charged to the code that allocates) divided by the
 * operations of that iteration, as JMH's own GC profiler normalises allocation. Unlike wall-clock
 * time it does not grow while other processes hold the CPU, which on a shared machine is what
 * makes ratios between benchmarks measured minutes apart comparable. Other processes can still
 * cost it something (caches refilled after they ran), so it is no licence to benchmark on a busy
 * machine; with one benchmark thread on an idle machine it is close to the wall-clock time.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private final com.sun.management.OperatingSystemMXBean os;
  private long startNanos;

  public CpuTimeProfiler() {
    java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    if (!(bean instanceof com.sun.management.OperatingSystemMXBean sun)) {
      throw new IllegalStateException("this JVM does not report process CPU time");
    }
    os = sun;
  }

  @Override
  public String getDescription() {
    return "process CPU time per operation (benchmark and GC threads), in the benchmark's unit";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getAllOps();
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double perOp = ops == 0 ? Double.NaN : (double) cpuNanos / ops / unit.toNanos(1);
    return List.of(new ScalarResult("cpu.time", perOp, unitName(unit) + "/op",
        AggregationPolicy.AVG));
  }

  private static String unitName(TimeUnit unit) {
    switch (unit) {
      case NANOSECONDS: return "ns";
      case MICROSECONDS: return "us";
      case MILLISECONDS: return "ms";
      case SECONDS: return "s";
      default: return unit.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
