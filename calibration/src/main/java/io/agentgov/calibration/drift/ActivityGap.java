package io.agentgov.calibration.drift;

/**
 * How surprising an agent's silence is, given how often it used to act: the evidence that an agent
 * went quiet (a project ended) long before a fixed idle threshold would say so.
 *
 * <p>Each day type (weekday, weekend) has its own rate of active days, estimated with Laplace's
 * rule of succession, {@code (a + 1) / (n + 2)} for {@code a} active days out of {@code n} observed
 * (Laplace 1814; it never gives 0 or 1, so a short history cannot make a silence impossible). Days
 * are taken as independent Bernoulli trials, so a silence over days {@code d_1..d_s} has probability
 * {@code Π (1 - p(d_i))}. Independence overstates the surprise for agents whose activity comes in
 * runs; the detector therefore also asks for a minimum number of silent days.
 */
public final class ActivityGap {
  private ActivityGap() {}

  /** Laplace's rule of succession: the estimated chance of activity on a day like the observed ones. */
  public static double activeRate(int activeDays, int observedDays) {
    if (observedDays < 0 || activeDays < 0 || activeDays > observedDays) {
      throw new IllegalArgumentException("Cannot estimate an activity rate from " + activeDays + " active days out of "
          + observedDays + " observed");
    }
    return (activeDays + 1.0) / (observedDays + 2.0);
  }

  /** The probability that none of the silent days saw activity, each at its own rate. */
  public static double silenceProbability(double... ratesOfSilentDays) {
    double p = 1.0;
    for (double rate : ratesOfSilentDays) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("Cannot compute a silence probability: rate " + rate + " is not in [0, 1]");
      }
      p *= 1 - rate;
    }
    return p;
  }
}
