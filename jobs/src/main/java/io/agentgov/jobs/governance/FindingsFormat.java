package io.agentgov.jobs.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgov.jobs.governance.FindingsQuery.FindingRow;
import io.agentgov.jobs.governance.FindingsQuery.Transition;
import io.agentgov.jobs.runtime.Csv;
import io.agentgov.jobs.runtime.TerminalText;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Findings and a finding's history as text: an aligned table for people, CSV (RFC 4180) for
 * spreadsheets, JSON Lines for tools. Each form renders the same column lists, so a column added
 * here appears in every form.
 */
public final class FindingsFormat {
  private FindingsFormat() {}

  public enum Format {
    TABLE, CSV, JSONL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Format fromWire(String wire) {
      return Arrays.stream(values()).filter(f -> f.wire().equals(wire)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("Unknown format \"" + wire + "\": allowed are "
              + Arrays.stream(values()).map(Format::wire).collect(Collectors.joining(", "))));
    }
  }

  /** A named column and how to take its value from a row. */
  private record Column<T>(String name, Function<T, Object> value) {}

  /** Long enough for most one-line explanations; the full text is in csv and jsonl. */
  private static final int TABLE_EXPLANATION = 80;

  private static final List<Column<FindingRow>> EVERY_COLUMN = List.of(
      new Column<>("detect_date", FindingRow::detectDate),
      new Column<>("finding_id", FindingRow::findingId),
      new Column<>("finding_type", FindingRow::findingType),
      new Column<>("subject", FindingRow::subject),
      new Column<>("agent_id", FindingRow::agentId),
      new Column<>("business_unit", FindingRow::businessUnit),
      new Column<>("severity", FindingRow::severity),
      new Column<>("previous_severity", FindingRow::previousSeverity),
      new Column<>("status", FindingRow::status),
      new Column<>("status_since", FindingRow::statusSince),
      new Column<>("opened_on", FindingRow::openedOn),
      new Column<>("resolved_on", FindingRow::resolvedOn),
      new Column<>("reopen_count", FindingRow::reopenCount),
      new Column<>("persistence", FindingRow::persistence),
      new Column<>("detected_tonight", FindingRow::detectedTonight),
      new Column<>("first_seen", FindingRow::firstSeen),
      new Column<>("last_seen", FindingRow::lastSeen),
      new Column<>("evidence_events", FindingRow::evidenceEvents),
      new Column<>("notify_id", FindingRow::notifyId),
      new Column<>("notify_role", FindingRow::notifyRole),
      new Column<>("explanation", FindingRow::explanation),
      new Column<>("details", FindingRow::details),
      new Column<>("sample_event_ids", FindingRow::sampleEventIds),
      new Column<>("settings", FindingRow::settings),
      new Column<>("run_id", FindingRow::runId));

  /** What a reviewer scans; a finding without a person to notify goes to its role (the governance office). */
  private static final List<Column<FindingRow>> TABLE_COLUMNS = List.of(
      new Column<>("finding_id", FindingRow::findingId),
      new Column<>("severity", FindingRow::severity),
      new Column<>("type", FindingRow::findingType),
      new Column<>("agent", FindingRow::agentId),
      new Column<>("status", FindingRow::status),
      new Column<>("since", FindingRow::statusSince),
      new Column<>("notify", f -> f.notifyId() != null ? f.notifyId() : f.notifyRole()),
      new Column<>("explanation", f -> trim(f.explanation(), TABLE_EXPLANATION)));

  private static final List<Column<Transition>> HISTORY_COLUMNS = List.of(
      new Column<>("night", Transition::night),
      new Column<>("change", Transition::change),
      new Column<>("status", Transition::status),
      new Column<>("severity", Transition::severity),
      new Column<>("explanation", Transition::explanation));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The table shows the columns a reviewer scans; csv and jsonl carry every column. */
  public static String findings(List<FindingRow> rows, Format format) {
    return render(rows, format == Format.TABLE ? TABLE_COLUMNS : EVERY_COLUMN, format);
  }

  public static String history(List<Transition> transitions, Format format) {
    return render(transitions, HISTORY_COLUMNS, format);
  }

  private static <T> String render(List<T> rows, List<Column<T>> columns, Format format) {
    return switch (format) {
      case TABLE -> table(rows, columns);
      case CSV -> csv(rows, columns);
      case JSONL -> jsonl(rows, columns);
    };
  }

  /** Left-aligned columns two spaces apart, header first; the last column is not padded. */
  private static <T> String table(List<T> rows, List<Column<T>> columns) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(columns.stream().map(Column::name).toList());
    // Cells are shown as a terminal must display them (TerminalText) before the widths are measured.
    rows.forEach(row -> lines.add(columns.stream().map(c -> TerminalText.cell(text(c.value().apply(row)))).toList()));
    int[] widths = new int[columns.size()];
    lines.forEach(cells -> {
      for (int i = 0; i < cells.size(); i++) {
        widths[i] = Math.max(widths[i], cells.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> cells : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** A header, then a record per row ({@link Csv}: RFC 4180, cells inert in a spreadsheet). */
  private static <T> String csv(List<T> rows, List<Column<T>> columns) {
    StringBuilder out = new StringBuilder(Csv.row(columns.stream().map(Column::name).toList()));
    rows.forEach(row -> out.append(Csv.row(columns.stream().map(c -> text(c.value().apply(row))).toList())));
    return out.toString();
  }

  /** One JSON object per row and line; dates ISO, timestamps RFC 3339 UTC, nulls kept. */
  private static <T> String jsonl(List<T> rows, List<Column<T>> columns) {
    StringBuilder out = new StringBuilder();
    for (T row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      columns.forEach(c -> object.put(c.name(), json(c.value().apply(row))));
      try {
        out.append(JSON.writeValueAsString(object)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write a finding as JSON: " + e.getOriginalMessage(), e);
      }
    }
    return out.toString();
  }

  /** Text of a cell: empty for null, {@code k=v; k=v} for details, samples space-separated. */
  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }
    return value.toString(); // LocalDate prints ISO, Instant RFC 3339 in UTC
  }

  /** Jackson writes maps, lists, strings, numbers and booleans as they are; dates and instants as their ISO text. */
  private static Object json(Object value) {
    return value instanceof Temporal ? value.toString() : value;
  }

  private static String trim(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 3) + "...";
  }
}
