package io.agentgov.jobs.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A thin Java face on Deequ: quality rules are data ({@link Rule}), a run returns rows, and a failed
 * constraint never throws here; the caller decides what a failure stops. Deequ's Scala default
 * arguments are passed explicitly once, here, so no job touches them.
 */
public final class DataQuality {
  private DataQuality() {}

  /** One quality rule on a column (nested columns by dotted path). */
  public sealed interface Rule {
    Check addTo(Check check);

    String column();

    /** The same rule on another column name. */
    Rule on(String column);
  }

  /** Every row has a value. */
  public record Complete(String column) implements Rule {
    public Rule on(String other) {
      return new Complete(other);
    }

    public Check addTo(Check check) {
      return check.isComplete(column, Option.empty(), Option.empty());
    }
  }

  /** No value occurs twice. */
  public record Unique(String column) implements Rule {
    public Rule on(String other) {
      return new Unique(other);
    }

    public Check addTo(Check check) {
      return check.isUnique(column, Option.empty(), Option.empty());
    }
  }

  /** Every non-null value is one of {@code values}. */
  public record AllowedValues(String column, List<String> values) implements Rule {
    public Rule on(String other) {
      return new AllowedValues(other, values);
    }

    public Check addTo(Check check) {
      return check.isContainedIn(column, values.toArray(String[]::new));
    }
  }

  /** Every non-null value lies in [min, max]. */
  public record Between(String column, double min, double max) implements Rule {
    public Rule on(String other) {
      return new Between(other, min, max);
    }

    public Check addTo(Check check) {
      return check.isContainedIn(column, min, max, true, true, Option.empty(), Option.empty());
    }
  }

  /** Every non-null value is at least zero. */
  public record NonNegative(String column) implements Rule {
    public Rule on(String other) {
      return new NonNegative(other);
    }

    public Check addTo(Check check) {
      Function1<Object, Object> all = fraction -> ((Double) fraction) == 1.0;
      return check.isNonNegative(column, all, Option.empty());
    }
  }

  private static String flat(String column) {
    return column.replace('.', '_');
  }

  /** A metric Deequ computed (entity, instance, name, value) or a constraint's verdict. */
  public record Measurement(String entity, String instance, String metric, Double value, String constraint,
                            String constraintStatus, String message) {}

  /** What a verification found. */
  public record Result(boolean passed, List<Measurement> measurements) {
    public List<Measurement> failures() {
      return measurements.stream().filter(m -> "Failure".equals(m.constraintStatus())).toList();
    }
  }

  /**
   * Runs every rule on {@code data} in one Deequ verification (one scan, plus a group-by per
   * uniqueness rule). Deequ reads a dotted name as one column, so nested fields are projected to
   * flat names first ({@code credential.id} is measured as {@code credential_id}).
   */
  public static Result verify(SparkSession spark, Dataset<Row> data, String checkName, List<Rule> rules) {
    Check check = new Check(CheckLevel.Error(), checkName,
        JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
    java.util.Set<String> columns = new java.util.LinkedHashSet<>();
    for (Rule rule : rules) {
      columns.add(rule.column());
      check = rule.on(flat(rule.column())).addTo(check);
    }
    data = data.select(columns.stream().map(c -> org.apache.spark.sql.functions.col(c).as(flat(c)))
        .toArray(org.apache.spark.sql.Column[]::new));
    VerificationResult result = new VerificationSuite().onData(data).addCheck(check).run();
    List<Measurement> measurements = new ArrayList<>();
    for (Row metric : VerificationResult.successMetricsAsDataFrame(spark, result,
        VerificationResult.successMetricsAsDataFrame$default$3()).collectAsList()) {
      measurements.add(new Measurement(metric.getString(0), metric.getString(1), metric.getString(2),
          metric.isNullAt(3) ? null : metric.getDouble(3), null, null, null));
    }
    for (Row constraint : VerificationResult.checkResultsAsDataFrame(spark, result,
        VerificationResult.checkResultsAsDataFrame$default$3()).collectAsList()) {
      measurements.add(new Measurement("Constraint", checkName, "Constraint", null,
          constraint.getAs("constraint"), constraint.getAs("constraint_status"), constraint.getAs("constraint_message")));
    }
    return new Result(result.status() == CheckStatus.Success(), measurements);
  }
}
