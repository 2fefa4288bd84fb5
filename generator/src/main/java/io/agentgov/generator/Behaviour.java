package io.agentgov.generator;

import java.util.SplittableRandom;

/** The random draws shared by the builder (to size faults) and the event simulation. */
final class Behaviour {
  private Behaviour() {}

  static double lognormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * r.nextGaussian());
  }

  /** Records touched by one action. */
  static long records(SplittableRandom r, Catalog.Records kind) {
    return switch (kind) {
      case ONE -> 1;
      case FEW -> {
        long n = 1;
        while (n < 50 && r.nextDouble() < 0.6) {
          n++;
        }
        yield n;
      }
      case BATCH -> Math.max(2, Math.min(50_000, Math.round(lognormal(r, 150, 1.1))));
      case BULK -> Math.max(100, Math.min(250_000, Math.round(lognormal(r, 6_000, 1.1))));
    };
  }

  /** Amount in cents, or -1 when the action moves no money. */
  static long amountCents(SplittableRandom r, Catalog.Money kind) {
    double v = switch (kind) {
      case NONE -> -1;
      case SMALL -> lognormal(r, 80, 0.9);
      case MEDIUM -> lognormal(r, 900, 1.0);
      case LARGE -> lognormal(r, 7_000, 1.0);
    };
    if (v < 0) {
      return -1;
    }
    return Math.max(100, Math.min(2_000_000_00L, Math.round(v * 100)));
  }

  static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** Probability that a decision made with confidence {@code c} is right. */
  static double correctness(Agent.Calibration calibration, double c) {
    return switch (calibration) {
      // calibrated: stated confidence is the probability of being right
      case CALIBRATED -> c;
      // overconfident: the higher the stated confidence, the larger the gap (0.99 is right ~75% of the time)
      case OVERCONFIDENT -> 0.5 + 0.5 * (c - 0.5);
    };
  }
}
