package io.github.chainrule.example;

import static java.lang.Math.exp;

import io.github.chainrule.Checkpoint;
import io.github.chainrule.Differentiable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.optim.ConvergenceChecker;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Estimating the rate constants of an ODE model from noisy observations: the Lotka–Volterra
 * predator–prey equations
 *
 * <pre>
 *   prey'      = α·prey − β·prey·predators
 *   predators' = δ·prey·predators − γ·predators
 * </pre>
 *
 * integrated with the classical Runge–Kutta method (RK4). The loss compares the integrated
 * populations with the observations; its gradient with respect to the four rates comes from
 * Chainrule's reverse mode, through thousands of integration steps.
 *
 * <p>Reverse mode must revisit the steps backwards, with the state each step saw. Taping every
 * step costs memory in proportion to their number. The time loop of {@link #loss} is marked
 * {@code @Checkpoint(snapshots = 16)} instead: reverse mode keeps at most 16 snapshots of the
 * loop's state (here three numbers: prey, predators and the running sum of squared errors) and
 * recomputes the steps in between, following Griewank and Walther's optimal binomial schedule
 * (Revolve). The gradient is the same; memory no longer grows with the number of steps.
 */
public final class LotkaVolterra {

  private LotkaVolterra() {}

  /** The snapshot budget of the checkpointed time loop in {@link #loss}. */
  public static final int SNAPSHOTS = 16;

  /** The rate of change of the prey population. */
  @Differentiable
  public static double preyGrowth(double prey, double predators, double alpha, double beta) {
    return alpha * prey - beta * prey * predators;
  }

  /** The rate of change of the predator population. */
  @Differentiable
  public static double predatorGrowth(double prey, double predators, double gamma,
      double delta) {
    return delta * prey * predators - gamma * predators;
  }

  /**
   * The loss: the mean of ½·(model − observation)² over all observations, the model integrated by
   * RK4 with step h from the known initial populations.
   *
   * <p>The rates enter as their logarithms, so every step of an optimiser keeps them positive.
   *
   * @param logRates ln α, ln β, ln γ, ln δ: the only parameter differentiated ({@code wrt})
   * @param observed prey and predators at times h·s, 2h·s, 3h·s, ... with s =
   *     {@code stepsPerObservation}, interleaved: prey₁, predators₁, prey₂, predators₂, ...
   */
  @Differentiable(wrt = "logRates")
  public static double loss(double[] logRates, double prey0, double predators0, double h,
      int stepsPerObservation, double[] observed) {
    double alpha = exp(logRates[0]);
    double beta = exp(logRates[1]);
    double gamma = exp(logRates[2]);
    double delta = exp(logRates[3]);
    double prey = prey0;
    double predators = predators0;
    double sum = 0;
    int steps = observed.length / 2 * stepsPerObservation;
    for (@Checkpoint(snapshots = SNAPSHOTS) int t = 0; t < steps; t++) {
      // One RK4 step from time t·h to (t + 1)·h.
      double k1x = preyGrowth(prey, predators, alpha, beta);
      double k1y = predatorGrowth(prey, predators, gamma, delta);
      double k2x = preyGrowth(prey + 0.5 * h * k1x, predators + 0.5 * h * k1y, alpha, beta);
      double k2y = predatorGrowth(prey + 0.5 * h * k1x, predators + 0.5 * h * k1y, gamma, delta);
      double k3x = preyGrowth(prey + 0.5 * h * k2x, predators + 0.5 * h * k2y, alpha, beta);
      double k3y = predatorGrowth(prey + 0.5 * h * k2x, predators + 0.5 * h * k2y, gamma, delta);
      double k4x = preyGrowth(prey + h * k3x, predators + h * k3y, alpha, beta);
      double k4y = predatorGrowth(prey + h * k3x, predators + h * k3y, gamma, delta);
      prey += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
      predators += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
      // Compare with the observation, when there is one at the end of this step.
      if ((t + 1) % stepsPerObservation == 0) {
        int k = (t + 1) / stepsPerObservation - 1;
        double preyError = prey - observed[2 * k];
        double predatorError = predators - observed[2 * k + 1];
        sum += preyError * preyError + predatorError * predatorError;
      }
    }
    return 0.5 * sum / observed.length;
  }

  /**
   * The model's populations at the observation times, interleaved as in {@link #loss}: the same
   * RK4 steps, in plain Java. (The loss integrates the model itself rather than calling this
   * method: a {@code @Differentiable} method cannot yet use the {@code double[]} result of
   * another one.)
   *
   * @param rates α, β, γ, δ (not their logarithms)
   */
  public static double[] simulate(double[] rates, double prey0, double predators0, double h,
      int stepsPerObservation, int observations) {
    double alpha = rates[0];
    double beta = rates[1];
    double gamma = rates[2];
    double delta = rates[3];
    double prey = prey0;
    double predators = predators0;
    double[] populations = new double[2 * observations];
    for (int t = 0; t < observations * stepsPerObservation; t++) {
      double k1x = preyGrowth(prey, predators, alpha, beta);
      double k1y = predatorGrowth(prey, predators, gamma, delta);
      double k2x = preyGrowth(prey + 0.5 * h * k1x, predators + 0.5 * h * k1y, alpha, beta);
      double k2y = predatorGrowth(prey + 0.5 * h * k1x, predators + 0.5 * h * k1y, gamma, delta);
      double k3x = preyGrowth(prey + 0.5 * h * k2x, predators + 0.5 * h * k2y, alpha, beta);
      double k3y = predatorGrowth(prey + 0.5 * h * k2x, predators + 0.5 * h * k2y, gamma, delta);
      double k4x = preyGrowth(prey + h * k3x, predators + h * k3y, alpha, beta);
      double k4y = predatorGrowth(prey + h * k3x, predators + h * k3y, gamma, delta);
      prey += h / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
      predators += h / 6 * (k1y + 2 * k2y + 2 * k3y + k4y);
      if ((t + 1) % stepsPerObservation == 0) {
        int k = (t + 1) / stepsPerObservation - 1;
        populations[2 * k] = prey;
        populations[2 * k + 1] = predators;
      }
    }
    return populations;
  }

  /**
   * What {@link #fit} found.
   *
   * @param rates the fitted α, β, γ, δ
   * @param loss the loss there
   * @param lossCurve the loss after each iteration of the optimiser, the starting point first
   * @param gradients how many gradients the optimiser asked for
   */
  public record Fit(double[] rates, double loss, List<Double> lossCurve, int gradients) {}

  /** Receives the loss after each iteration of {@link #fit}. */
  @FunctionalInterface
  public interface Progress {
    void iteration(int iteration, double loss);
  }

  /**
   * Fits the four rates to the observations by minimising {@link #loss} from {@code guess}, with
   * Hipparchus' nonlinear conjugate-gradient optimiser (Polak–Ribière). The optimiser takes the
   * loss, and its gradient from the generated reverse mode, {@code lossGradient}.
   *
   * @param guess α, β, γ, δ to start from
   */
  public static Fit fit(double[] observed, double prey0, double predators0, double h,
      int stepsPerObservation, double[] guess, Progress progress) {
    double[] start = new double[4];
    for (int i = 0; i < 4; i++) {
      start[i] = Math.log(guess[i]);
    }
    List<Double> curve = new ArrayList<>();
    curve.add(loss(start, prey0, predators0, h, stepsPerObservation, observed));
    int[] gradients = {0};
    SimpleValueChecker converged = new SimpleValueChecker(1e-12, 1e-14);
    // The convergence check sees every iteration: record the loss curve there.
    ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) -> {
      curve.add(current.getValue());
      progress.iteration(iteration, current.getValue());
      return converged.converged(iteration, previous, current);
    };
    NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker);
    PointValuePair optimum = optimizer.optimize(
        new MaxEval(100_000),
        new MaxIter(1_000),
        GoalType.MINIMIZE,
        new InitialGuess(start),
        new ObjectiveFunction(
            logRates -> loss(logRates, prey0, predators0, h, stepsPerObservation, observed)),
        new ObjectiveFunctionGradient(logRates -> {
          gradients[0]++;
          return LotkaVolterraGradient.lossGradient(
              logRates, prey0, predators0, h, stepsPerObservation, observed);
        }));
    double[] rates = new double[4];
    for (int i = 0; i < 4; i++) {
      rates[i] = Math.exp(optimum.getPoint()[i]);
    }
    return new Fit(rates, optimum.getValue(), List.copyOf(curve), gradients[0]);
  }

  /**
   * Synthetic observations: the model's populations plus Gaussian noise of standard deviation
   * {@code noise}, from a fixed seed so every run sees the same data.
   */
  public static double[] observe(double[] rates, double prey0, double predators0, double h,
      int stepsPerObservation, int observations, double noise, long seed) {
    double[] populations =
        simulate(rates, prey0, predators0, h, stepsPerObservation, observations);
    Random random = new Random(seed);
    for (int i = 0; i < populations.length; i++) {
      populations[i] += noise * random.nextGaussian();
    }
    return populations;
  }
}
