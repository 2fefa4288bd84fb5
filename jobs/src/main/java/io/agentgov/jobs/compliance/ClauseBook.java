package io.agentgov.jobs.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The clauses the compliance evidence report measures, the frameworks they belong to and how the
 * report may word a result for each framework, read from {@code clauses.yaml} (a classpath resource
 * next to this class). Wording is data too: the NIST AI RMF is voluntary, so a practice is "aligned
 * with" it and never "compliant with" it; {@link #sentence} refuses wording a framework forbids.
 *
 * @param sha256 SHA-256 of the file's bytes, part of the report's configuration hash
 */
public record ClauseBook(List<Framework> frameworks, List<Clause> clauses, List<String> doesNotCover, String sha256) {

  /** The resource read by {@link #load()}. */
  public static final String RESOURCE = "io/agentgov/jobs/compliance/clauses.yaml";

  /** The clause ids every book must define, in order: the metric classes are keyed by them. */
  public static final List<String> IDS = List.of("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12");

  /**
   * A framework and the words a result may use for it.
   *
   * @param binding     law (true) or a voluntary framework or standard (false)
   * @param passWording how a passing result is worded, e.g. {@code aligned with}
   * @param failWording how a failing one is, e.g. {@code not yet aligned with}
   * @param forbidden   phrases never to print about this framework, lower case
   */
  public record Framework(String name, String source, boolean binding, String passWording, String failWording,
      List<String> forbidden) {
    public Framework {
      Objects.requireNonNull(name, "name");
      forbidden = forbidden.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
      for (String w : List.of(passWording, failWording)) {
        for (String f : forbidden) {
          if (w.toLowerCase(Locale.ROOT).contains(f)) {
            throw new IllegalArgumentException("Cannot word results for " + name + " as \"" + w
                + "\": the clause file forbids \"" + f + "\" for it");
          }
        }
      }
    }
  }

  public ClauseBook {
    frameworks = List.copyOf(frameworks);
    clauses = List.copyOf(clauses);
    doesNotCover = List.copyOf(doesNotCover);
    Set<String> names = new HashSet<>();
    frameworks.forEach(f -> names.add(f.name()));
    List<String> ids = clauses.stream().map(Clause::id).toList();
    if (!ids.equals(IDS)) {
      throw new IllegalArgumentException("Cannot use clauses " + ids + ": the clause file must define " + IDS + " in order");
    }
    for (Clause c : clauses) {
      for (Clause.Reference r : c.references()) {
        if (!names.contains(r.framework())) {
          throw new IllegalArgumentException("Clause " + c.id() + " cites framework \"" + r.framework()
              + "\", which the clause file does not define (known: " + names + ")");
        }
      }
    }
  }

  /** The book shipped with agentgov. */
  public static ClauseBook load() {
    try (InputStream in = ClauseBook.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find " + RESOURCE + " on the classpath");
      }
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Reads a clause file's bytes (YAML). */
  public static ClauseBook parse(byte[] yaml) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot parse the clause file: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot parse the clause file: " + e.getMessage(), e);
    }
    List<Framework> frameworks = new ArrayList<>();
    for (JsonNode f : root.path("frameworks")) {
      frameworks.add(new Framework(text(f, "name"), text(f, "source"), f.path("binding").asBoolean(false),
          text(f, "pass_wording"), text(f, "fail_wording"), strings(f.path("forbidden"))));
    }
    Map<String, Clause.Obligation> obligations = new LinkedHashMap<>();
    root.path("obligations").fields().forEachRemaining(e -> obligations.put(e.getKey(), new Clause.Obligation(
        e.getKey(), date(e.getValue(), "effective_from"), optionalDate(e.getValue(), "originally"),
        text(e.getValue(), "source"))));
    List<Clause> clauses = new ArrayList<>();
    for (JsonNode c : root.path("clauses")) {
      String id = text(c, "id");
      List<Clause.Reference> refs = new ArrayList<>();
      for (JsonNode r : c.path("references")) {
        refs.add(new Clause.Reference(text(r, "framework"), text(r, "clause")));
      }
      Clause.Obligation obligation = null;
      if (c.hasNonNull("obligation")) {
        obligation = obligations.get(c.get("obligation").asText());
        if (obligation == null) {
          throw new IllegalArgumentException("Clause " + id + " names obligation \"" + c.get("obligation").asText()
              + "\", which the clause file does not define");
        }
      }
      JsonNode pass = c.path("pass");
      Map<String, Double> parameters = new TreeMap<>();
      c.path("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asDouble()));
      clauses.add(new Clause(id, text(c, "title"), refs, Clause.AppliesTo.parse(text(c, "applies_to")), obligation,
          text(c, "metric"), text(c, "pass_rule"),
          new Clause.PassRule(text(pass, "op"), pass.path("target").asDouble(), text(pass, "unit")),
          optionalText(c.path("counting"), "of"), text(c.path("counting"), "that"), parameters,
          optionalText(c, "scope_note"), optionalText(c, "not_covered"), optionalText(c, "not_covered_part")));
    }
    return new ClauseBook(frameworks, clauses, strings(root.path("does_not_cover")), Sha256.hex(yaml));
  }

  public Clause clause(String id) {
    return clauses.stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown clause " + id + ": known are " + IDS));
  }

  public Framework framework(String name) {
    return frameworks.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown framework " + name));
  }

  /**
   * What a result means for a clause, in each framework's own words, e.g. {@code Measured practice
   * aligned with NIST AI RMF GOVERN 1.5; supports conformity with ISO/IEC 42001 A.6.2.6.} Results
   * that are not a pass or a fail say what is missing instead.
   */
  public String sentence(Clause clause, Status status) {
    if (status == Status.NOT_COVERED) {
      return "No evidence: not covered by the input contract.";
    }
    if (status == Status.NO_DATA) {
      return "No evidence: nothing to measure in the period.";
    }
    Map<String, List<String>> byFramework = new LinkedHashMap<>();
    clause.references().forEach(r -> byFramework.computeIfAbsent(r.framework(), f -> new ArrayList<>()).add(r.clause()));
    List<String> parts = new ArrayList<>();
    byFramework.forEach((name, refs) -> {
      Framework f = framework(name);
      String part = (status == Status.PASS ? f.passWording() : f.failWording()) + " " + name + " " + String.join(", ", refs);
      for (String forbidden : f.forbidden()) {
        if (part.toLowerCase(Locale.ROOT).contains(forbidden)) {
          throw new IllegalStateException("Cannot word clause " + clause.id() + " as \"" + part + "\": \"" + forbidden
              + "\" is forbidden for " + name);
        }
      }
      parts.add(part);
    });
    return "Measured practice " + String.join("; ", parts) + ".";
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      throw new IllegalArgumentException("Cannot read the clause file: " + field + " is missing in " + node);
    }
    return v.asText().strip();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText().strip();
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText().strip()));
    return out;
  }

  private static LocalDate date(JsonNode node, String field) {
    try {
      return LocalDate.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Cannot read the clause file: " + field + " \"" + node.get(field).asText()
          + "\" is not a date (yyyy-mm-dd)", e);
    }
  }

  private static LocalDate optionalDate(JsonNode node, String field) {
    return node.hasNonNull(field) ? date(node, field) : null;
  }
}
