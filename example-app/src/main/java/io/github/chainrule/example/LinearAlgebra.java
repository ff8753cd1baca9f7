package io.github.chainrule.example;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** The few vector and matrix helpers the demos share; solvers come from Hipparchus. */
final class LinearAlgebra {

  private LinearAlgebra() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** The Euclidean norm |v|. */
  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  /** The matrix times the vector. */
  static double[] multiply(double[][] matrix, double[] vector) {
    double[] result = new double[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      result[i] = dot(matrix[i], vector);
    }
    return result;
  }

  static double[][] transpose(double[][] matrix) {
    double[][] result = new double[matrix[0].length][matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix[0].length; j++) {
        result[j][i] = matrix[i][j];
      }
    }
    return result;
  }

  /**
   * A generated Hessian as a Hipparchus matrix. Generated Hessians are exactly symmetric (the
   * generated fHessian averages H·eᵢ and H·eⱼ), as Hipparchus' Cholesky decomposition requires.
   */
  static RealMatrix symmetric(double[][] hessian) {
    return MatrixUtils.createRealMatrix(hessian);
  }
}
