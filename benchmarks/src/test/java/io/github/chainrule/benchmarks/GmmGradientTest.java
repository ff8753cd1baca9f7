package io.github.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated GMM gradient agrees with the hand-written one on the benchmark inputs. */
class GmmGradientTest {

  @ParameterizedTest
  @CsvSource({"2, 5, 1000", "10, 25, 1000"})
  void generatedMatchesHandWritten(int d, int k, int n) {
    double[][] in = Gmm.inputs(d, k, n, 42); // the inputs GmmBench uses
    int size = in[0].length + in[1].length + in[2].length;
    double[] hand = new double[size];
    double[] generated = new double[size];
    double fHand = Gmm.objectiveAndGradientByHand(in[0], in[1], in[2], in[3], d, k, n, 1.0, 0,
        hand);
    double fGenerated = GmmGradient.objectiveValueAndGradient(in[0], in[1], in[2], in[3], d, k, n,
        1.0, 0, generated);
    double f = Gmm.objective(in[0], in[1], in[2], in[3], d, k, n, 1.0, 0);
    assertEquals(f, fHand, 1e-12 * Math.abs(f));
    assertEquals(f, fGenerated, 1e-12 * Math.abs(f));
    double scale = 0;
    for (double g : hand) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (int i = 0; i < size; i++) {
      double err = Math.abs(generated[i] - hand[i]);
      // relative to the entry, or to the largest entry for entries that nearly cancel
      assertTrue(err <= 1e-10 * Math.max(Math.abs(hand[i]), 1e-3 * scale),
          "entry " + i + ": generated " + generated[i] + ", hand " + hand[i]);
    }
  }
}
