package io.github.chainrule.example;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Nonlinear least squares with Hipparchus' Levenberg–Marquardt optimiser, fed by a Jacobian that
 * Chainrule generated: the optimiser asks for the model's predictions and their derivatives with
 * respect to the parameters at each trial point, and gets {@code NistModels.kirby2(b, x)} and
 * {@code NistModelsGradient.kirby2Jacobian(b, x)} (or MGH17's), with no derivative written by
 * hand and no finite differences.
 */
public final class CurveFitting {

  private CurveFitting() {}

  /**
   * What a fit found.
   *
   * @param parameters the fitted parameters
   * @param residualSumOfSquares Σ (y − model)² there
   * @param iterations the optimiser's iterations
   * @param evaluations how often it evaluated the model and its Jacobian
   * @param costs the cost √(Σ (y − model)²) at each evaluation, in order: the loss curve
   */
  public record Fit(double[] parameters, double residualSumOfSquares, int iterations,
      int evaluations, List<Double> costs) {}

  /**
   * Fits {@code model} to the dataset's observations from {@code start}.
   *
   * @param model the predictions at every x for parameters b
   * @param jacobian the derivatives of the predictions, row i = ∂prediction_i/∂b
   */
  public static Fit fit(NistDataset data, double[] start,
      BiFunction<double[], double[], double[]> model,
      BiFunction<double[], double[], double[][]> jacobian) {
    List<Double> costs = new ArrayList<>();
    MultivariateJacobianFunction valueAndJacobian = point -> {
      double[] b = point.toArray();
      double[] predicted = model.apply(b, data.x());
      double sum = 0;
      for (int i = 0; i < predicted.length; i++) {
        sum += (data.y()[i] - predicted[i]) * (data.y()[i] - predicted[i]);
      }
      costs.add(Math.sqrt(sum));
      RealVector value = MatrixUtils.createRealVector(predicted);
      RealMatrix derivatives = MatrixUtils.createRealMatrix(jacobian.apply(b, data.x()));
      return new Pair<>(value, derivatives);
    };
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .model(valueAndJacobian)
        .target(data.y())
        .start(start)
        .maxEvaluations(10_000)
        .maxIterations(10_000)
        .build();
    // Tighter than the defaults, so the fit reaches NIST's certified values to many digits.
    LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer()
        .withCostRelativeTolerance(1e-15)
        .withParameterRelativeTolerance(1e-15)
        .withOrthoTolerance(1e-15);
    LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(problem);
    double cost = optimum.getCost();
    return new Fit(optimum.getPoint().toArray(), cost * cost, optimum.getIterations(),
        optimum.getEvaluations(), List.copyOf(costs));
  }

  /**
   * The number of correct significant digits of {@code actual}, NIST's log relative error
   * −log₁₀(|actual − certified| / |certified|), capped at 15 (all a double can hold).
   */
  public static double correctDigits(double actual, double certified) {
    if (actual == certified) {
      return 15;
    }
    double relative = Math.abs(actual - certified) / Math.abs(certified);
    return Math.min(15, -Math.log10(relative));
  }
}
