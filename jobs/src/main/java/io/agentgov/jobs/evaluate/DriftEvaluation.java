package io.agentgov.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Scores {@code drift_alerts} against the drift a generator planted ({@code truth/faults.jsonl},
 * kind {@code drift}), at agent level: an agent is found when it has an alert on or after the day
 * its drift began. Delay is the days from the drift's first day to the first alert on or after it.
 *
 * <p>Precision is given two ways. <b>Strict</b>: found agents over alerted agents. <b>Against
 * planted behaviour changes</b>: an alerted agent also counts as right when another planted fault
 * changed its behaviour within the period (a fault whose first day is after the period's first day,
 * such as scope creep starting mid-month) and it alerted on or after that day; these are listed
 * apart, with the fault, so a reader can judge them. Everything else is a false alarm.
 */
public final class DriftEvaluation {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A planted drift and what the alerts made of it. */
  public record Planted(String agentId, String metric, LocalDate fromDay, LocalDate firstAlert, Integer delayDays,
      List<String> alertMetrics) {}

  /**
   * An alerted agent without planted drift: the metrics that alerted, the faults planted on it, and
   * the planted change (kind and first day) that explains the alert, or null for a false alarm.
   */
  public record OtherAlert(String agentId, List<String> metrics, LocalDate firstAlert, List<String> plantedFaults,
      String explainedBy) {}

  public record Result(LocalDate from, LocalDate to, int planted, int found, int alertedAgents, double recall,
      double strictPrecision, double precision, int explained, Double medianDelayDays, List<Planted> plantedDrift,
      List<OtherAlert> otherAlerts) {
    public String summary() {
      return String.format("drift %s..%s: recall %d/%d = %.2f; precision %d/%d = %.2f against planted behaviour changes"
              + " (agents alerted for another planted change: %d), strict %d/%d = %.2f against planted drift only;"
              + " median delay %s days",
          from, to, found, planted, recall, found + explained, alertedAgents, precision, explained, found, alertedAgents,
          strictPrecision, medianDelayDays == null ? "n/a" : String.format("%.1f", medianDelayDays));
    }
  }

  private DriftEvaluation() {}

  /** Scores the alerts of nights {@code from..to} against the truth folder. */
  public static Result evaluate(Lakehouse lake, Path truth, LocalDate from, LocalDate to) {
    List<JsonNode> faults = faults(truth.resolve("faults.jsonl"));
    Map<String, List<String>> faultsByAgent = new TreeMap<>();
    Map<String, TreeMap<LocalDate, String>> changes = new TreeMap<>();
    Map<String, JsonNode> drift = new TreeMap<>();
    for (JsonNode f : faults) {
      String agent = f.path("agent_id").asText();
      if (f.path("kind").asText().equals("drift")) {
        if (!LocalDate.parse(f.path("from_day").asText()).isAfter(to)) {
          drift.put(agent, f);
        }
      } else {
        String kind = f.path("kind").asText()
            + (f.path("details").has("reason") ? ":" + f.path("details").path("reason").asText() : "");
        faultsByAgent.computeIfAbsent(agent, k -> new ArrayList<>()).add(kind);
        LocalDate began = LocalDate.parse(f.path("from_day").asText());
        if (began.isAfter(from) && !began.isAfter(to)) {
          changes.computeIfAbsent(agent, k -> new TreeMap<>()).putIfAbsent(began, kind);
        }
      }
    }
    Map<String, TreeMap<LocalDate, TreeSet<String>>> alerts = new TreeMap<>();
    for (Row r : lake.read(Tables.DRIFT_ALERTS).where(col("test_date").between(lit(from), lit(to)))
        .select("agent_id", "test_date", "metric").collectAsList()) {
      alerts.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
          .computeIfAbsent(r.getAs(1), k -> new TreeSet<>()).add(r.getString(2));
    }
    List<Planted> planted = new ArrayList<>();
    List<Integer> delays = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : drift.entrySet()) {
      LocalDate began = LocalDate.parse(e.getValue().path("from_day").asText());
      TreeMap<LocalDate, TreeSet<String>> nights = alerts.getOrDefault(e.getKey(), new TreeMap<>());
      Map.Entry<LocalDate, TreeSet<String>> first = nights.ceilingEntry(began);
      Integer delay = first == null ? null : (int) ChronoUnit.DAYS.between(began, first.getKey());
      if (delay != null) {
        delays.add(delay);
      }
      planted.add(new Planted(e.getKey(), e.getValue().path("details").path("metric").asText(), began,
          first == null ? null : first.getKey(), delay, first == null ? List.of() : List.copyOf(first.getValue())));
    }
    List<OtherAlert> others = new ArrayList<>();
    int explained = 0;
    for (Map.Entry<String, TreeMap<LocalDate, TreeSet<String>>> e : alerts.entrySet()) {
      JsonNode d = drift.get(e.getKey());
      boolean afterDrift = d != null && e.getValue().ceilingKey(LocalDate.parse(d.path("from_day").asText())) != null;
      if (!afterDrift) {
        TreeSet<String> metrics = new TreeSet<>();
        e.getValue().values().forEach(metrics::addAll);
        // explained when the agent alerted on or after the first day of a planted mid-period change
        String explainedBy = null;
        for (Map.Entry<LocalDate, String> change : changes.getOrDefault(e.getKey(), new TreeMap<>()).entrySet()) {
          if (e.getValue().ceilingKey(change.getKey()) != null) {
            explainedBy = change.getValue() + " from " + change.getKey();
            break;
          }
        }
        explained += explainedBy == null ? 0 : 1;
        others.add(new OtherAlert(e.getKey(), List.copyOf(metrics), e.getValue().firstKey(),
            faultsByAgent.getOrDefault(e.getKey(), List.of()), explainedBy));
      }
    }
    int found = delays.size();
    int alerted = alerts.size();
    delays.sort(null);
    Double median = delays.isEmpty() ? null : delays.size() % 2 == 1 ? (double) delays.get(delays.size() / 2)
        : (delays.get(delays.size() / 2 - 1) + delays.get(delays.size() / 2)) / 2.0;
    return new Result(from, to, drift.size(), found, alerted, drift.isEmpty() ? 1.0 : (double) found / drift.size(),
        alerted == 0 ? 1.0 : (double) found / alerted, alerted == 0 ? 1.0 : (double) (found + explained) / alerted,
        explained, median, planted, others);
  }

  /** The lines of a truth faults.jsonl, parsed; a bad line names the file and line. */
  static List<JsonNode> faults(Path file) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          try {
            out.add(JSON.readTree(line));
          } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + " line " + number + ": " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the planted truth " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
