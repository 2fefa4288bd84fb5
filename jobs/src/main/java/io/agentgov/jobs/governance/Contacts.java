package io.agentgov.jobs.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.agentgov.jobs.governance.Finding.Notify;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Who is told about an agent's findings: its accountable owner, else its sponsor, else its
 * technical owner (the first still active in the directory); for an agent without any (a shadow
 * agent), the active person it acted for most often tonight; else the governance office.
 */
final class Contacts {
  private Contacts() {}

  static Map<String, Notify> of(Night night, List<Detection> detections) {
    Set<String> agents = new TreeSet<>();
    detections.forEach(d -> agents.add(d.agentId()));
    Map<String, Notify> contacts = new TreeMap<>();
    Set<String> unplaced = new TreeSet<>();
    for (String agent : agents) {
      RegistryEntry e = night.registry().asOf(agent, night.night());
      Notify n = e == null ? null : first(night, new String[] {e.ownerId(), e.sponsorId(), e.technicalOwnerId()},
          new String[] {Notify.OWNER, Notify.SPONSOR, Notify.TECHNICAL_OWNER});
      if (n != null) {
        contacts.put(agent, n);
      } else {
        unplaced.add(agent);
      }
    }
    if (!unplaced.isEmpty()) {
      for (Row r : night.verdicts().where(col("agent_id").isin(unplaced.toArray()).and(col("on_behalf_of").isNotNull()))
          .groupBy("agent_id", "on_behalf_of").agg(count(lit(1)).as("n"))
          .orderBy(col("agent_id"), col("n").desc(), col("on_behalf_of")).collectAsList()) {
        ReferenceRows.Person p = night.person(r.getString(1));
        if (p != null && p.active()) {
          contacts.putIfAbsent(r.getString(0), new Notify(p.personId(), Notify.ACTED_FOR));
        }
      }
    }
    unplaced.forEach(agent -> contacts.putIfAbsent(agent, new Notify(null, Notify.GOVERNANCE_OFFICE)));
    return contacts;
  }

  private static Notify first(Night night, String[] ids, String[] roles) {
    for (int i = 0; i < ids.length; i++) {
      ReferenceRows.Person p = night.person(ids[i]);
      if (p != null && p.active()) {
        return new Notify(p.personId(), roles[i]);
      }
    }
    return null;
  }
}
