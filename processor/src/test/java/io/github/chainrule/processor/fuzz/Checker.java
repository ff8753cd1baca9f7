package io.github.chainrule.processor.fuzz;

import io.github.chainrule.processor.fuzz.Program.Param;
import io.github.chainrule.processor.fuzz.Program.ParamType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The numeric checks of one compiled program at one point: {@code fValueAndGradient} returns
 * exactly {@code f}'s value and leaves the entries past n alone; {@code fGradient} agrees with it
 * and with central finite differences; {@code fJvp} agrees with a directional finite difference;
 * and forward and reverse mode pass the dot-product test; {@code fHvp} agrees with the general
 * forward-over-reverse entry {@code fPullbackJvp} it is specialised from and with central
 * differences of {@code fGradient}. No generated method may modify its input arrays.
 *
 * <p>Finite differences are taken with steps h and h/10; where the two disagree, the step
 * straddles a kink or a jump (or rounding dominates), and the coordinate is skipped rather than
 * failed.
 */
final class Checker {

  /** Relative and absolute tolerance of the finite-difference comparisons. */
  static final double FD_RTOL = 1e-5;
  static final double FD_ATOL = 1e-7;
  /** Relative tolerance of the dot-product test, against the sum of |gᵢ·dᵢ|. */
  static final double DOT_RTOL = 1e-10;
  static final double DOT_ATOL = 1e-14;
  /** Points whose value is larger than this are skipped: finite differences mean little there. */
  static final double LARGEST_VALUE = 1e8;
  private static final double SENTINEL = 12345.678;

  enum Kind {
    /** The processor reported an error on a valid program. */
    PROCESSOR_ERROR,
    /** The generated class does not compile. */
    GENERATED_COMPILE_ERROR,
    /** javac itself threw (the processor let an exception escape). */
    COMPILER_CRASH,
    /** No error, but no generated class or method either. */
    MISSING_GENERATED,
    /** A generated method threw. */
    EXCEPTION,
    /** A generated method did not finish. */
    TIMEOUT,
    VALUE_MISMATCH,
    GRADIENT_MISMATCH,
    JVP_MISMATCH,
    DOT_PRODUCT_MISMATCH,
    /** fHvp disagrees with fPullbackJvp or with differences of the gradient. */
    HVP_MISMATCH,
    /** fGradient and fValueAndGradient disagree, or n is wrong. */
    GRADIENT_INCONSISTENT,
    /** A generated method wrote into an input array, or past n in the gradient array. */
    WROTE_INPUT,
    /** The generator made an invalid program (a bug in the fuzzer, not in the processor). */
    INVALID_PROGRAM
  }

  /** A failure of one program, at a point when the failure is numeric. */
  /**
   * A failure of one program, at a point when the failure is numeric. {@code key} groups failures
   * in the summary; {@code shape} is what a shrunk program must reproduce (for a wrong partial:
   * the same coordinate, and a finite or a non-finite value as before), so that shrinking does
   * not slip from one bug to another.
   */
  record Failure(Kind kind, String key, String detail, Point point, String shape) {
    Failure(Kind kind, String key, String detail, Point point) {
      this(kind, key, detail, point, key);
    }

    static Failure of(Kind kind, String detail, Point point) {
      return new Failure(kind, kind.name(), detail, point);
    }

    Failure withShape(String shape) {
      return new Failure(kind, key, detail, point, shape);
    }
  }

  /** The arguments of f (doubles, arrays, ints) and a tangent direction over the active inputs. */
  record Point(Object[] args, double[] direction) {
    String javaArgs() {
      return Arrays.stream(args).map(Checker::java).collect(Collectors.joining(", "));
    }
  }

  /** What the checks of one point came to, besides a failure. */
  static final class Tally {
    int points;
    int pointsSkippedForRange;
    int coordinates;
    /** Coordinates whose difference quotient could not be trusted (see stableDifference). */
    int coordinatesSkipped;
    int directionsSkipped;
    /** Entries of H·d checked against differences of the gradient, and those skipped. */
    int hvpEntries;
    int hvpEntriesSkipped;
    int pointsSkippedNonFinite;
    int pointsSkippedNoisy;

    void add(Tally t) {
      pointsSkippedNonFinite += t.pointsSkippedNonFinite;
      pointsSkippedNoisy += t.pointsSkippedNoisy;
      points += t.points;
      pointsSkippedForRange += t.pointsSkippedForRange;
      coordinates += t.coordinates;
      coordinatesSkipped += t.coordinatesSkipped;
      directionsSkipped += t.directionsSkipped;
      hvpEntries += t.hvpEntries;
      hvpEntriesSkipped += t.hvpEntriesSkipped;
    }
  }

  private Checker() {}

  // Points.

  private static double round(double v) {
    return Math.rint(v * 1000) / 1000;
  }

  /** A random point for program p: doubles in [-2, 2], arrays of length 2 to 5, ints 0 to 4. */
  static Point randomPoint(Program p, Random r) {
    Object[] args = new Object[p.params.size()];
    int n = 0;
    for (int i = 0; i < args.length; i++) {
      Param param = p.params.get(i);
      switch (param.type()) {
        case DOUBLE -> {
          double v = round(4 * r.nextDouble() - 2);
          args[i] = v == 0 ? 0.125 : v;
        }
        case DOUBLE_ARRAY -> {
          double[] a = new double[2 + r.nextInt(4)];
          for (int k = 0; k < a.length; k++) {
            a[k] = round(3 * r.nextDouble() - 1.5);
          }
          args[i] = a;
        }
        case INT -> args[i] = r.nextInt(5);
        default -> throw new IllegalStateException();
      }
      if (p.isActive(param)) {
        n += param.type() == ParamType.DOUBLE ? 1 : ((double[]) args[i]).length;
      }
    }
    double[] d = new double[n];
    for (int k = 0; k < n; k++) {
      d[k] = round(2 * r.nextDouble() - 1);
    }
    return new Point(args, d);
  }

  static String java(Object arg) {
    if (arg instanceof double[] a) {
      return Arrays.stream(a).mapToObj(Double::toString)
          .collect(Collectors.joining(", ", "new double[] {", "}"));
    }
    return String.valueOf(arg);
  }

  // The program's methods.

  /** f and its three derivatives, found by name in the loaded classes. */
  record Methods(Method f, Method jvp, Method gradient, Method valueAndGradient, Method hvp,
      Method pullbackJvp, Method probe) {
    static Methods find(Class<?> source, Class<?> generated, Class<?> probe) {
      return new Methods(method(source, "f"), method(generated, "fJvp"),
          method(generated, "fGradient"), method(generated, "fValueAndGradient"),
          method(generated, "fHvp"), method(generated, "fPullbackJvp"), method(probe, "f"));
    }

    private static Method method(Class<?> c, String name) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name)) {
          m.setAccessible(true);
          return m;
        }
      }
      return null;
    }
  }

  /** Thrown by the generated code (not by f): carries the exception. */
  static final class GeneratedThrew extends Exception {
    final String method;

    GeneratedThrew(String method, Throwable cause) {
      super(cause);
      this.method = method;
    }
  }

  static final class SourceThrew extends Exception {
    SourceThrew(Throwable cause) {
      super(cause);
    }
  }

  private static Object call(Method m, Object[] args) throws GeneratedThrew {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new GeneratedThrew(m.getName(), e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new GeneratedThrew(m.getName(), e);
    }
  }

  private static double callF(Method f, Object[] args) throws SourceThrew {
    try {
      return (double) f.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new SourceThrew(e.getCause());
    } catch (IllegalAccessException e) {
      throw new SourceThrew(e);
    }
  }

  private static Object[] deepCopy(Object[] args) {
    Object[] copy = args.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] instanceof double[] a) {
        copy[i] = a.clone();
      }
    }
    return copy;
  }

  private static boolean sameArgs(Object[] a, Object[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] instanceof double[] x) {
        if (!Arrays.equals(x, (double[]) b[i])) {
          return false;
        }
      } else if (!a[i].equals(b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(double a, double b) {
    return a == b || (Double.isNaN(a) && Double.isNaN(b));
  }

  /** The active inputs, flattened in declaration order. */
  private static double[] flatten(Program p, Object[] args) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (p.isActive(p.params.get(i))) {
        if (args[i] instanceof double[] a) {
          for (double v : a) {
            out.add(v);
          }
        } else {
          out.add((Double) args[i]);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A copy of args with the active inputs replaced by flat. */
  private static Object[] unflatten(Program p, Object[] args, double[] flat) {
    Object[] out = deepCopy(args);
    int k = 0;
    for (int i = 0; i < out.length; i++) {
      if (p.isActive(p.params.get(i))) {
        if (out[i] instanceof double[] a) {
          for (int j = 0; j < a.length; j++) {
            a[j] = flat[k++];
          }
        } else {
          out[i] = flat[k++];
        }
      }
    }
    return out;
  }

  /** fJvp's arguments: each active parameter followed by its tangent, taken from d. */
  static Object[] jvpArgs(Program p, Object[] args, double[] d) {
    List<Object> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      out.add(args[i]);
      if (p.isActive(p.params.get(i))) {
        if (args[i] instanceof double[] a) {
          out.add(Arrays.copyOfRange(d, k, k + a.length));
          k += a.length;
        } else {
          out.add(d[k++]);
        }
      }
    }
    return out.toArray();
  }

  /** The signature text of the flattened coordinate k, e.g. {@code x} or {@code a[2]}. */
  private static String coordinate(Program p, Object[] args, int k) {
    for (int i = 0; i < args.length; i++) {
      if (p.isActive(p.params.get(i))) {
        if (args[i] instanceof double[] a) {
          if (k < a.length) {
            return p.params.get(i).name() + "[" + k + "]";
          }
          k -= a.length;
        } else {
          if (k == 0) {
            return p.params.get(i).name();
          }
          k--;
        }
      }
    }
    return "?";
  }

  // The checks.

  private interface Fn {
    double at(double[] flat) throws SourceThrew, GeneratedThrew;
  }

  /** A finite-difference estimate and a bound on its own error (truncation and rounding). */
  private record Difference(double value, double error) {}

  /**
   * The central-difference estimate of the derivative along e, or null where it cannot be
   * trusted: steps h and h/10 disagree (a kink or a jump within the step), the one-sided
   * differences disagree (a kink at the point itself, where the central difference averages the
   * two slopes), or f is not finite there. {@code magnitude} is the size of f's largest
   * intermediate, which sets the rounding noise.
   */
  private static Difference stableDifference(Fn f, double[] x, double[] e, double h, double fx,
      double magnitude) throws SourceThrew, GeneratedThrew {
    double[] at = x.clone();
    double fp = f.at(shift(x, e, h, at));
    double fm = f.at(shift(x, e, -h, at));
    double fp10 = f.at(shift(x, e, h / 10, at));
    double fm10 = f.at(shift(x, e, -h / 10, at));
    double d1 = (fp - fm) / (2 * h);
    double d10 = (fp10 - fm10) / (2 * h / 10);
    if (!Double.isFinite(d1) || !Double.isFinite(d10)) {
      return null;
    }
    double noise10 = 64 * Math.ulp(magnitude) / (h / 10);
    if (Math.abs(d1 - d10) > FD_RTOL * Math.abs(d1) + FD_ATOL + noise10) {
      return null;
    }
    double forward = (fp10 - fx) / (h / 10);
    double backward = (fx - fm10) / (h / 10);
    if (Math.abs(forward - backward)
        > 1e-3 * (Math.abs(forward) + Math.abs(backward)) + 1e-5 + noise10) {
      return null;
    }
    // d1 - d10 is about d1's own truncation error (the third-derivative term, less 1%).
    return new Difference(d1, Math.abs(d1 - d10) + 64 * Math.ulp(magnitude) / (2 * h));
  }

  /**
   * Whether the derivative computed is close to the difference quotient; null when the quotient
   * cannot be trusted, or when the slope is so steep that f would change by more than its own
   * size within the step ({@code cos(pow(2, 1000 x))}), which makes the quotient meaningless.
   */
  private static Boolean matches(Difference fd, double actual, double h, double fx) {
    if (fd == null || Math.abs(actual) * h > 1 + Math.abs(fx)) {
      return null;
    }
    return same(fd.value(), actual) || Math.abs(fd.value() - actual)
        <= FD_RTOL * Math.abs(fd.value()) + FD_ATOL + fd.error();
  }

  private static double[] shift(double[] x, double[] e, double step, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + step * e[i];
    }
    return out;
  }

  /** Runs the probe copy of f: whether it passes a non-finite value, and its largest one. */
  private static boolean passesNonFinite(Method probe, Object[] args) throws SourceThrew {
    Probe.reset();
    callF(probe, deepCopy(args));
    return Probe.sawNonFinite();
  }

  /**
   * fHvp along the point's direction: numerically the same as fPullbackJvp(x, d, 1, 0) (the
   * general entry it is specialised from; a zero may differ in sign) where both are finite, and
   * each entry within the
   * finite-difference tolerance of the directional difference of that gradient entry.
   */
  private static Failure checkHvp(Program p, Methods m, Point point, Object[] args,
      Object[] original, double[] grad, boolean differences, Tally tally)
      throws GeneratedThrew, SourceThrew {
    if (m.hvp() == null || m.pullbackJvp() == null) {
      return Failure.of(Kind.MISSING_GENERATED, "the generated class lacks fHvp or fPullbackJvp",
          point);
    }
    int n = grad.length;
    double[] d = point.direction();
    Object[] hvpArgs = Arrays.copyOf(deepCopy(args), args.length + 1);
    hvpArgs[args.length] = d.clone();
    double[] hvp = (double[]) call(m.hvp(), hvpArgs);
    if (!sameArgs(Arrays.copyOf(hvpArgs, args.length), original)
        || !Arrays.equals((double[]) hvpArgs[args.length], d)) {
      return Failure.of(Kind.WROTE_INPUT, "fHvp modified an input array or v", point);
    }
    List<Object> general = new ArrayList<>(Arrays.asList(jvpArgs(p, deepCopy(args), d)));
    double[] gradient = new double[n];
    double[] product = new double[n];
    general.addAll(List.of(1.0, 0.0, gradient, product));
    call(m.pullbackJvp(), general.toArray());
    for (int i = 0; i < n; i++) {
      // Where an intermediate overflows, the general entry multiplies its zero seed tangent by
      // it (0·∞ = NaN) and the specialised one has no such term: neither is a derivative there.
      boolean finite = Double.isFinite(hvp[i]) && Double.isFinite(product[i]);
      if (finite && hvp[i] != product[i]) {
        return Failure.of(Kind.HVP_MISMATCH, "fHvp " + Arrays.toString(hvp)
            + " but fPullbackJvp(x, d, 1, 0) gives " + Arrays.toString(product), point);
      }
    }
    if (!differences || n == 0) {
      return null;
    }
    double scale = 1;
    for (double v : flatten(p, args)) {
      scale = Math.max(scale, Math.abs(v));
    }
    double h = 1e-6 * scale;
    double largestPartial = 0;
    for (double g : grad) {
      largestPartial = Math.max(largestPartial, Math.abs(g));
    }
    double magnitude = Math.max(largestPartial, Probe.largest());
    double[] x = flatten(p, args);
    for (int i = 0; i < n; i++) {
      int entry = i;
      Fn partial = flat -> ((double[]) call(m.gradient(), unflatten(p, args, flat)))[entry];
      tally.hvpEntries++;
      Difference fd = stableDifference(partial, x, d, h, grad[i], magnitude);
      Boolean ok = matches(fd, hvp[i], h, grad[i]);
      if (ok == null) {
        tally.hvpEntriesSkipped++;
      } else if (!ok) {
        return Failure.of(Kind.HVP_MISMATCH, "(H·d) at " + coordinate(p, args, i) + " along d = "
            + Arrays.toString(d) + ": differences of the gradient give " + fd.value() + " (± "
            + fd.error() + "), fHvp gives " + hvp[i] + " (whole product "
            + Arrays.toString(hvp) + ")", point)
            .withShape(Kind.HVP_MISMATCH + " " + coordinate(p, args, i)
                + (Double.isFinite(hvp[i]) ? " finite" : " non-finite"));
      }
    }
    return null;
  }

  /**
   * Runs every check of program p at point, with its methods m. Returns the first failure, or
   * null; adds what it checked and skipped to tally.
   */
  static Failure check(Program p, Methods m, Point point, Tally tally) {
    if (m.jvp() == null || m.gradient() == null || m.valueAndGradient() == null) {
      return Failure.of(Kind.MISSING_GENERATED, "the generated class lacks fJvp, fGradient or"
          + " fValueAndGradient", point);
    }
    Object[] args = point.args();
    Object[] original = deepCopy(args);
    double[] x = flatten(p, args);
    int n = x.length;
    tally.points++;
    double value;
    try {
      value = callF(m.f(), args);
    } catch (SourceThrew e) {
      return Failure.of(Kind.INVALID_PROGRAM, "f itself threw " + e.getCause(), point);
    }
    try {
      // fValueAndGradient: exactly f's value; entries past n untouched.
      double[] g = new double[n + 2];
      Arrays.fill(g, SENTINEL);
      Object[] vagArgs = Arrays.copyOf(deepCopy(args), args.length + 1);
      vagArgs[args.length] = g;
      double v = (double) call(m.valueAndGradient(), vagArgs);
      if (!sameArgs(Arrays.copyOf(vagArgs, args.length), original)) {
        return Failure.of(Kind.WROTE_INPUT, "fValueAndGradient modified an input array", point);
      }
      if (g[n] != SENTINEL || g[n + 1] != SENTINEL) {
        return Failure.of(Kind.WROTE_INPUT, "fValueAndGradient wrote past n = " + n
            + " into the gradient array: " + Arrays.toString(g), point);
      }
      if (!same(value, v)) {
        return Failure.of(Kind.VALUE_MISMATCH, "fValueAndGradient returned " + v
            + ", f returned " + value, point);
      }
      // fGradient: a new array of length n, the same as fValueAndGradient's.
      Object[] gradArgs = deepCopy(args);
      double[] grad = (double[]) call(m.gradient(), gradArgs);
      if (!sameArgs(gradArgs, original)) {
        return Failure.of(Kind.WROTE_INPUT, "fGradient modified an input array", point);
      }
      if (grad.length != n) {
        return Failure.of(Kind.GRADIENT_INCONSISTENT, "fGradient has length " + grad.length
            + ", expected n = " + n, point);
      }
      for (int i = 0; i < n; i++) {
        if (!same(grad[i], g[i])) {
          return Failure.of(Kind.GRADIENT_INCONSISTENT, "fGradient " + Arrays.toString(grad)
              + " but fValueAndGradient wrote " + Arrays.toString(Arrays.copyOf(g, n)), point);
        }
      }
      // fJvp along the point's direction.
      double[] d = point.direction();
      Object[] jArgs = jvpArgs(p, deepCopy(args), d);
      Object[] jOriginal = deepCopy(jArgs);
      double jvp = (double) call(m.jvp(), jArgs);
      if (!sameArgs(jArgs, jOriginal)) {
        return Failure.of(Kind.WROTE_INPUT, "fJvp modified an input or tangent array", point);
      }

      boolean inRange = Double.isFinite(value) && Math.abs(value) <= LARGEST_VALUE;
      if (!inRange) {
        tally.pointsSkippedForRange++;
      } else if (passesNonFinite(m.probe(), args)) {
        // An infinite or NaN intermediate: the derivative does not exist in floating point.
        tally.pointsSkippedNonFinite++;
        return null;
      }
      Fn fn = flat -> callF(m.f(), unflatten(p, args, flat));
      double scale = 1;
      for (double xi : x) {
        scale = Math.max(scale, Math.abs(xi));
      }
      double magnitude = Math.max(Math.abs(value), Probe.largest());
      double noise = 64 * Math.ulp(magnitude) / (2e-6 * scale);
      double largestPartial = 0;
      for (double gi : grad) {
        largestPartial = Math.max(largestPartial, Math.abs(gi));
      }
      boolean differences = inRange;
      if (inRange && noise > 1e-2 * (1 + largestPartial)) {
        // Intermediates so large that rounding swamps the difference quotients.
        tally.pointsSkippedNoisy++;
        differences = false;
      }
      // fGradient against central differences, coordinate by coordinate.
      for (int i = 0; i < n && differences; i++) {
        double[] e = new double[n];
        e[i] = 1;
        tally.coordinates++;
        double h = 1e-6 * Math.max(1, Math.abs(x[i]));
        Difference fd = stableDifference(fn, x, e, h, value, magnitude);
        Boolean ok = matches(fd, grad[i], h, value);
        if (ok == null) {
          tally.coordinatesSkipped++;
        } else if (!ok) {
          return Failure.of(Kind.GRADIENT_MISMATCH, "∂f/∂" + coordinate(p, args, i)
              + ": central differences give " + fd.value() + " (± " + fd.error()
              + "), fGradient gives " + grad[i] + " (whole gradient " + Arrays.toString(grad)
              + ")", point)
              .withShape(Kind.GRADIENT_MISMATCH + " " + coordinate(p, args, i)
                  + (Double.isFinite(grad[i]) ? " finite" : " non-finite"));
        }
      }
      // fJvp against a directional difference.
      if (n > 0 && differences) {
        double h = 1e-6 * scale;
        Difference fd = stableDifference(fn, x, d, h, value, magnitude);
        Boolean ok = matches(fd, jvp, h, value);
        if (ok == null) {
          tally.directionsSkipped++;
        } else if (!ok) {
          return Failure.of(Kind.JVP_MISMATCH, "along d = " + Arrays.toString(d)
              + ": central differences give " + fd.value() + " (± " + fd.error()
              + "), fJvp gives " + jvp, point)
              .withShape(Kind.JVP_MISMATCH + (Double.isFinite(jvp) ? " finite" : " non-finite"));
        }
      }
      // Dot-product test: forward and reverse agree to rounding, whatever the point.
      double dot = 0;
      double absSum = 0;
      for (int i = 0; i < n; i++) {
        dot += grad[i] * d[i];
        absSum += Math.abs(grad[i] * d[i]);
      }
      if (inRange && Double.isFinite(absSum)
          && !(Math.abs(jvp - dot) <= DOT_RTOL * absSum + DOT_ATOL)) {
        // Intermediates much larger than the result (sinh(57 x) − sinh(57 x)) make rounding
        // exceed the tolerance. Forward mode is linear in d: how far fJvp(d) is from
        // Σ dᵢ·fJvp(eᵢ) measures that rounding, and a real inconsistency stays far beyond it.
        double split = 0;
        for (int i = 0; i < n; i++) {
          double[] e = new double[n];
          e[i] = 1;
          split += d[i] * (double) call(m.jvp(), jvpArgs(p, deepCopy(args), e));
        }
        double rounding = Math.abs(jvp - split);
        // Absorption (y lost in (−s + y) + s) is the same along every eᵢ, so that measure misses
        // it: allow also for an ulp of the largest intermediate the probe saw, per unit of d.
        double directionSize = 0;
        for (double di : d) {
          directionSize += Math.abs(di);
        }
        double absorption = 64 * Math.ulp(magnitude) * directionSize;
        if (!(Math.abs(jvp - dot)
            <= DOT_RTOL * absSum + DOT_ATOL + 100 * rounding + absorption)) {
          return Failure.of(Kind.DOT_PRODUCT_MISMATCH, "fJvp along d = " + Arrays.toString(d)
              + " is " + jvp + ", but fGradient · d = " + dot + " (Σ|gᵢdᵢ| = " + absSum
              + "; fJvp's own rounding, |fJvp(d) − Σ dᵢ fJvp(eᵢ)|, is " + rounding
              + "; largest intermediate " + magnitude + ")", point);
        }
      }
      return checkHvp(p, m, point, args, original, grad, differences, tally);
    } catch (GeneratedThrew e) {
      Throwable cause = e.getCause();
      String where = cause.getStackTrace().length > 0 ? " at " + cause.getStackTrace()[0] : "";
      return new Failure(Kind.EXCEPTION, Kind.EXCEPTION + " " + cause.getClass().getSimpleName(),
          e.method + " threw " + cause + where, point);
    } catch (SourceThrew e) {
      return Failure.of(Kind.INVALID_PROGRAM, "f itself threw " + e.getCause(), point);
    }
  }
}
