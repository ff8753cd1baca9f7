package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayClose;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertMatchesFiniteDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.times;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Mlp}: the generated gradient of a small network's loss (which calls a per-sample helper
 * inside its loop) against central differences and against backpropagation written by hand in
 * this test; forward mode, the Hessian-vector product, and the data left untouched.
 */
class MlpTest {

  static final int D = 3;
  static final int H = 4;
  static final int SAMPLES = 8;
  static final double DECAY = 1e-3;

  final Random random = new Random(2024);
  final double[] data = random.doubles(SAMPLES * D, -2, 2).toArray();
  final int[] labels = random.ints(SAMPLES, 0, 2).toArray();

  double[] weights(long seed) {
    return new Random(seed).doubles(Mlp.size(D, H), -1, 1).toArray();
  }

  /** Backpropagation by hand: the gradient of one sample's loss, added into {@code g}. */
  static void backprop(double[] w, double[] data, int row, int label, double scale,
      double[] g) {
    double[] a = new double[H];
    double[] t = new double[H];
    double z = w[H * D + 2 * H];
    for (int j = 0; j < H; j++) {
      a[j] = w[H * D + j];
      for (int k = 0; k < D; k++) {
        a[j] += w[j * D + k] * data[row * D + k];
      }
      t[j] = Math.tanh(a[j]);
      z += w[H * D + H + j] * t[j];
    }
    double dz = scale * (1 / (1 + Math.exp(-z)) - label);
    g[H * D + 2 * H] += dz;
    for (int j = 0; j < H; j++) {
      g[H * D + H + j] += dz * t[j];
      double da = dz * w[H * D + H + j] * (1 - t[j] * t[j]);
      g[H * D + j] += da;
      for (int k = 0; k < D; k++) {
        g[j * D + k] += da * data[row * D + k];
      }
    }
  }

  double[] handWrittenGradient(double[] w) {
    double[] g = new double[w.length];
    for (int s = 0; s < SAMPLES; s++) {
      backprop(w, data, s, labels[s], 1.0 / SAMPLES, g);
    }
    for (int i = 0; i < w.length; i++) {
      g[i] += 2 * DECAY * w[i];
    }
    return g;
  }

  @Test
  void gradientMatchesHandWrittenBackpropagation() {
    for (long seed = 1; seed <= 4; seed++) {
      double[] w = weights(seed);
      assertArrayClose("Mlp.loss gradient vs backprop", w, handWrittenGradient(w),
          MlpGradient.lossGradient(w, data, labels, D, H, DECAY), 1e-12, 1e-14);
    }
  }

  @Test
  void perSampleHelperMatchesBackpropagation() {
    double[] w = weights(9);
    for (int s = 0; s < SAMPLES; s++) {
      double[] expected = new double[w.length];
      backprop(w, data, s, labels[s], 1.0, expected);
      assertArrayClose("Mlp.sampleLoss gradient, sample " + s, w, expected,
          MlpGradient.sampleLossGradient(w, data, s, D, H, labels[s]), 1e-12, 1e-14);
    }
  }

  @Test
  void bothModesAgainstFiniteDifferences() {
    for (long seed = 5; seed <= 7; seed++) {
      double[] w = weights(seed);
      assertBothModes("Mlp.loss",
          x -> Mlp.loss(x, data, labels, D, H, DECAY),
          (x, d) -> MlpGradient.lossJvp(x, d, data, labels, D, H, DECAY),
          x -> MlpGradient.lossGradient(x, data, labels, D, H, DECAY), w);
    }
  }

  @Test
  void largeWeightsSaturateWithoutOverflow() {
    double[] w = Arrays.stream(weights(8)).map(v -> 40 * v).toArray();
    double[] g = MlpGradient.lossGradient(w, data, labels, D, H, DECAY);
    assertArrayClose("Mlp.loss gradient vs backprop, saturated", w, handWrittenGradient(w), g,
        1e-11, 1e-13);
    assertMatchesFiniteDifferences("Mlp.loss, saturated",
        x -> Mlp.loss(x, data, labels, D, H, DECAY), w, g);
  }

  @Test
  void hvpAgainstDifferencesOfTheGradient() {
    double[] w = weights(12);
    double[] v = new Random(13).doubles(w.length, -1, 1).toArray();
    double[] hv = MlpGradient.lossHvp(w, data, labels, D, H, DECAY, v);
    double eps = 1e-6;
    double[] plus = w.clone();
    double[] minus = w.clone();
    for (int i = 0; i < w.length; i++) {
      plus[i] += eps * v[i];
      minus[i] -= eps * v[i];
    }
    double[] gp = handWrittenGradient(plus);
    double[] gm = handWrittenGradient(minus);
    double[] fd = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      fd[i] = (gp[i] - gm[i]) / (2 * eps);
    }
    assertArrayClose("Mlp.lossHvp vs differences of the gradient", w, fd, hv, 1e-6, 1e-8);
    double[][] hessian = MlpGradient.lossHessian(w, data, labels, D, H, DECAY);
    assertArrayClose("Mlp.lossHvp vs lossHessian·v", w, times(hessian, v), hv, 1e-12, 1e-14);
    CallsNumeric.assertSymmetric("Mlp.lossHessian", hessian, w);
  }

  @Test
  void dataAndWeightsAreLeftUntouched() {
    double[] w = weights(21);
    double[] wCopy = w.clone();
    double[] dataCopy = data.clone();
    int[] labelsCopy = labels.clone();
    MlpGradient.lossGradient(w, data, labels, D, H, DECAY);
    MlpGradient.lossHessian(w, data, labels, D, H, DECAY);
    MlpGradient.lossJvp(w, new double[w.length], data, labels, D, H, DECAY);
    assertEquals(Arrays.toString(wCopy), Arrays.toString(w));
    assertEquals(Arrays.toString(dataCopy), Arrays.toString(data));
    assertEquals(Arrays.toString(labelsCopy), Arrays.toString(labels));
  }
}
