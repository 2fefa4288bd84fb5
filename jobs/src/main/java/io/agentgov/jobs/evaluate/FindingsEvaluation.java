package io.agentgov.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgov.jobs.governance.FindingType;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Scores the {@code findings} of nights {@code from..to} against a generator's planted truth
 * ({@code truth/faults.jsonl}), per finding type, at agent level.
 *
 * <p>Truth: the agents with a fault of the type's kind whose first day is on or before {@code to}.
 * {@code accountability_gap} has no kind of its own: its truth is {@code abandoned_agent} with
 * reason {@code owner_departed} and role {@code owner} (an active agent whose accountable owner left).
 * Found: the agents with a finding of the type active (open or reopened) on some night of the range;
 * for {@code unused_permission}, active on the last night, because the truth is "unused over the
 * whole period" and a grant used late in the period was rightly reported while it was unused.
 * Abandoned agents are also scored per reason (agentgov reason vs planted reason).
 */
public final class FindingsEvaluation {
  /** agentgov's abandoned reasons and the generator's. */
  private static final Map<String, String> REASONS = Map.of(
      "owner_departed", "owner_departed", "review_overdue", "review_overdue",
      "inactive_credential_live", "project_ended_credential_live",
      "model_changed_without_review", "model_changed_without_review");

  /** One finding type (or abandoned reason) scored. */
  public record Score(String type, int planted, int found, int correct, Double precision, Double recall,
      List<String> missed, List<String> falsePositives) {}

  /** A false positive with what the agent's findings and planted faults were, for a reader to judge. */
  public record FalsePositive(String type, String agentId, List<String> subjects, List<String> plantedFaults) {}

  public record Result(LocalDate from, LocalDate to, List<Score> byType, List<Score> byAbandonedReason,
      List<FalsePositive> falsePositives) {
    public String summary() {
      StringBuilder s = new StringBuilder(String.format("findings %s..%s against the planted truth, per type at agent level:",
          from, to));
      for (Score t : byType) {
        s.append(String.format("%n  %-22s precision %s  recall %s", t.type(), ratio(t.correct(), t.found(), t.precision()),
            ratio(t.correct(), t.planted(), t.recall())));
      }
      for (Score t : byAbandonedReason) {
        s.append(String.format("%n    abandoned %-28s precision %s  recall %s", t.type(),
            ratio(t.correct(), t.found(), t.precision()), ratio(t.correct(), t.planted(), t.recall())));
      }
      return s.toString();
    }

    private static String ratio(int n, int d, Double value) {
      return value == null ? String.format("%-14s", "n/a (none)") : String.format("%3d/%-3d = %.2f", n, d, value);
    }
  }

  private FindingsEvaluation() {}

  public static Result evaluate(Lakehouse lake, Path truth, LocalDate from, LocalDate to) {
    Map<String, TreeSet<String>> planted = new TreeMap<>();
    Map<String, TreeSet<String>> plantedReasons = new TreeMap<>();
    Map<String, List<String>> faultsByAgent = new TreeMap<>();
    for (JsonNode f : DriftEvaluation.faults(truth.resolve("faults.jsonl"))) {
      if (LocalDate.parse(f.path("from_day").asText()).isAfter(to)) {
        continue;
      }
      String kind = f.path("kind").asText();
      String agent = f.path("agent_id").asText();
      String reason = f.path("details").path("reason").asText("");
      planted.computeIfAbsent(kind, k -> new TreeSet<>()).add(agent);
      faultsByAgent.computeIfAbsent(agent, k -> new ArrayList<>()).add(kind + (reason.isEmpty() ? "" : ":" + reason));
      if (!reason.isEmpty()) {
        plantedReasons.computeIfAbsent(reason, k -> new TreeSet<>()).add(agent);
      }
      if ("owner_departed".equals(reason) && "owner".equals(f.path("details").path("role").asText())) {
        planted.computeIfAbsent(FindingType.ACCOUNTABILITY_GAP.wire(), k -> new TreeSet<>()).add(agent);
      }
    }
    Map<String, TreeSet<String>> found = new TreeMap<>();
    Map<String, TreeSet<String>> foundReasons = new TreeMap<>();
    Map<String, TreeMap<String, TreeSet<String>>> subjects = new TreeMap<>();
    for (Row r : lake.read(Tables.FINDINGS).where(col("detect_date").between(lit(from), lit(to))
            .and(col("status").isin("open", "reopened")))
        .select("finding_type", "agent_id", "subject", "detect_date").collectAsList()) {
      String type = r.getString(0);
      if (type.equals(FindingType.UNUSED_PERMISSION.wire()) && !to.equals(r.getAs(3))) {
        continue;
      }
      found.computeIfAbsent(type, k -> new TreeSet<>()).add(r.getString(1));
      subjects.computeIfAbsent(type, k -> new TreeMap<>()).computeIfAbsent(r.getString(1), k -> new TreeSet<>())
          .add(r.getString(2));
      if (type.equals(FindingType.ABANDONED_AGENT.wire())) {
        String reason = r.getString(2).contains(":") ? r.getString(2).substring(0, r.getString(2).indexOf(':')) : r.getString(2);
        foundReasons.computeIfAbsent(REASONS.getOrDefault(reason, reason), k -> new TreeSet<>()).add(r.getString(1));
      }
    }
    List<Score> byType = new ArrayList<>();
    List<FalsePositive> falsePositives = new ArrayList<>();
    for (String type : FindingType.wires()) {
      Score s = score(type, planted.getOrDefault(type, new TreeSet<>()), found.getOrDefault(type, new TreeSet<>()));
      byType.add(s);
      for (String agent : s.falsePositives()) {
        falsePositives.add(new FalsePositive(type, agent, List.copyOf(subjects.get(type).get(agent)),
            faultsByAgent.getOrDefault(agent, List.of())));
      }
    }
    List<Score> byReason = new ArrayList<>();
    new TreeSet<>(REASONS.values()).forEach(reason -> byReason.add(score(reason,
        plantedReasons.getOrDefault(reason, new TreeSet<>()), foundReasons.getOrDefault(reason, new TreeSet<>()))));
    return new Result(from, to, byType, byReason, falsePositives);
  }

  private static Score score(String type, TreeSet<String> planted, TreeSet<String> found) {
    TreeSet<String> correct = new TreeSet<>(found);
    correct.retainAll(planted);
    TreeSet<String> missed = new TreeSet<>(planted);
    missed.removeAll(found);
    TreeSet<String> wrong = new TreeSet<>(found);
    wrong.removeAll(planted);
    return new Score(type, planted.size(), found.size(), correct.size(),
        found.isEmpty() ? null : (double) correct.size() / found.size(),
        planted.isEmpty() ? null : (double) correct.size() / planted.size(), List.copyOf(missed), List.copyOf(wrong));
  }
}
