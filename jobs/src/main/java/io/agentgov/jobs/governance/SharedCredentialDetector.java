package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code shared_credential}: one credential id used by more than one agent within the last
 * {@code shared_credential_days} (from each agent's daily credential use), or listed for more than
 * one agent by tonight's registry. One finding per agent and credential. Inputs do not record
 * people's own use of credentials (contract), so "shared" means shared between agents.
 */
final class SharedCredentialDetector implements Detector {
  @Override
  public FindingType type() {
    return FindingType.SHARED_CREDENTIAL;
  }

  /** Who used or lists which credential: credentials used by two or more agents, with each agent's first day. */
  private record Sharing(Map<String, TreeSet<String>> agents, Map<String, TreeMap<String, LocalDate>> firstUse,
      Map<String, String> kinds) {}

  @Override
  public List<Evidence.Spec> evidence(Night night) {
    Sharing sharing = sharing(night);
    return sharing.agents().isEmpty() ? List.of() : List.of(new Evidence.Spec(type().wire(),
        col("credential_id").isin(sharing.agents().keySet().toArray()), col("credential_id")));
  }

  @Override
  public List<Detection> detect(Night night, Evidence.Found evidence) {
    Sharing sharing = sharing(night);
    Map<String, TreeSet<String>> agents = sharing.agents();
    Map<String, TreeMap<String, LocalDate>> firstUse = sharing.firstUse();
    Map<String, String> kinds = sharing.kinds();
    Map<String, Evidence.Group> tonight = new TreeMap<>();
    for (Evidence.Group g : evidence.groups(type().wire())) {
      tonight.put(g.agentId() + "\u0000" + g.subject(), g);
    }
    Instant start = night.night().atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Detection> found = new ArrayList<>();
    agents.forEach((id, sharers) -> {
      for (String agent : sharers) {
        Evidence.Group g = tonight.get(agent + "\u0000" + id);
        LocalDate first = firstUse.getOrDefault(id, new TreeMap<>()).get(agent);
        Instant since = first == null ? start : first.atStartOfDay(ZoneOffset.UTC).toInstant();
        TreeSet<String> others = new TreeSet<>(sharers);
        others.remove(agent);
        found.add(new Detection(type(), agent, id, type().severity(g != null && g.highImpact()),
            Detection.Persistence.CONDITION, String.format("%s shares %s credential %s with %s; give each agent its own",
                agent, kinds.getOrDefault(id, "a"), id, String.join(", ", others)),
            Map.of("credential_id", id, "credential_kind", kinds.getOrDefault(id, "unknown"), "agents", String.join(", ", sharers)),
            g == null ? List.of() : g.samples(), since, g == null ? start : g.last(), g == null ? 0 : g.events()));
      }
    });
    return found;
  }

  private static Sharing sharing(Night night) {
    LocalDate from = night.night().minusDays(night.options().sharedCredentialDays() - 1L);
    Map<String, TreeMap<String, LocalDate>> firstUse = new TreeMap<>(); // credential -> agent -> first day
    Map<String, String> kinds = new TreeMap<>();
    night.use().forEach((agent, days) -> days.tailMap(from, true).values().forEach(day ->
        day.credentials().keySet().forEach(kindAndId -> {
          int colon = kindAndId.indexOf(':');
          String id = kindAndId.substring(colon + 1);
          kinds.put(id, kindAndId.substring(0, colon));
          firstUse.computeIfAbsent(id, k -> new TreeMap<>()).merge(agent, day.day(), (a, b) -> a.isBefore(b) ? a : b);
        })));
    Map<String, TreeSet<String>> listedFor = new TreeMap<>();
    for (RegistryEntry e : night.listed()) {
      e.credentials().forEach(c -> {
        listedFor.computeIfAbsent(c.id(), k -> new TreeSet<>()).add(e.agentId());
        kinds.putIfAbsent(c.id(), c.kind());
      });
    }
    Map<String, TreeSet<String>> agents = new TreeMap<>();
    firstUse.forEach((id, byAgent) -> agents.computeIfAbsent(id, k -> new TreeSet<>()).addAll(byAgent.keySet()));
    listedFor.forEach((id, listed) -> {
      if (listed.size() > 1) {
        agents.computeIfAbsent(id, k -> new TreeSet<>()).addAll(listed);
      }
    });
    agents.values().removeIf(a -> a.size() < 2);
    return new Sharing(agents, firstUse, kinds);
  }
}
