package io.agentgov.jobs.governance;

import static io.agentgov.jobs.governance.ContractProducer.JSON;
import static io.agentgov.jobs.governance.ContractProducer.attr;
import static io.agentgov.jobs.governance.ContractProducer.departed;
import static io.agentgov.jobs.governance.ContractProducer.nanos;
import static io.agentgov.jobs.governance.ContractProducer.person;
import static io.agentgov.jobs.governance.ContractProducer.write;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentgov.jobs.SharedSpark;
import io.agentgov.jobs.drift.FeaturesJob;
import io.agentgov.jobs.governance.ContractProducer.Agent;
import io.agentgov.jobs.governance.ContractProducer.Ev;
import io.agentgov.jobs.ingest.IngestJob;
import io.agentgov.jobs.ingest.IngestResult;
import io.agentgov.jobs.runtime.Lakehouse;
import io.agentgov.lakehouse.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance detectors judged against the INPUT CONTRACT, not against agentgov's own generator:
 * this test plays an independent producer that hand-writes a three-day landing folder (JSON Lines
 * events with UTC and non-UTC offsets, OTLP/JSON spans, registry and people snapshots, the shipped
 * default policy) straight from ../shared/docs/input-contract.md, runs ingest, features and detect
 * night after night, and asserts exactly which findings come out (docs/detectors.md), who is told,
 * which events are the evidence, and how the findings live from night to night.
 *
 * <p>One agent per planted case, so a finding on the wrong agent or an extra finding shows at once.
 * Every registered agent is otherwise well governed: active owner, sponsor and technical owner,
 * reviewed on 2026-04-15, short-lived tokens, every grant used on the first day, events in scope
 * and at the tier the policy requires.
 */
class IndependentProducerTest {
  static final LocalDate MON = LocalDate.of(2026, 5, 4);
  static final LocalDate TUE = LocalDate.of(2026, 5, 5);
  static final LocalDate WED = LocalDate.of(2026, 5, 6);
  static final List<LocalDate> NIGHTS = List.of(MON, TUE, WED);
  /** Grants are judged unused after two observed days, so the short history can show an unused grant. */
  static final DetectOptions OPTIONS = DetectOptions.defaults().withMinObservedDays(2);

  static final String TOKEN = "ephemeral_token";
  static final String MAY_FROM = "2026-05-01T00:00:00Z";
  static final String MAY_TO = "2026-05-21T00:00:00Z";

  // The shadow agent's second action is an OTel span without agentgov.event_id: its event id is
  // "<traceId>:<spanId>" (contract, Precise rules, OTel).
  static final String SCOUT_TRACE = "9c4e1f27ab3d4e5f8a6b7c8d9e0f1a2b";
  static final String SCOUT_SPAN = "5e6f7a8b9c0d1e2f";
  static final String SCOUT_SPAN_EVENT = SCOUT_TRACE + ":" + SCOUT_SPAN;
  static final String SCOUT_SPAN_START = "2026-05-05T13:20:00.250Z";
  static final String CLAIMS_SPAN_EVENT = "gw-0505-claims-otel";
  /** refund-sub invoked under claims-bot's chat span: the delegation comes from the span tree only. */
  static final String INVOKE_SPAN_EVENT = "gw-0505-rsub-otel";

  @TempDir
  static Path landing;
  static Lakehouse lake;
  static final Map<LocalDate, IngestResult> ingested = new TreeMap<>();
  static final Map<LocalDate, Integer> planted = new TreeMap<>();
  static final Map<LocalDate, DetectJob.Result> detected = new TreeMap<>();
  /** Every event id the producer wrote, by agent. */
  static final Map<String, Set<String>> eventsByAgent = new TreeMap<>();
  /** night -> finding key -> row */
  static final Map<LocalDate, Map<String, F>> findings = new TreeMap<>();

  /** One row of {@code findings}, as docs/tables.md#findings describes it. */
  record F(LocalDate night, String findingId, String type, String subject, String agentId, String severity,
      String status, LocalDate statusSince, LocalDate openedOn, LocalDate resolvedOn, String persistence,
      boolean detectedTonight, Instant firstSeen, Instant lastSeen, long evidenceEvents, String notifyId,
      String notifyRole, Map<String, String> details, List<String> samples) {

    String key() {
      return key(type, agentId, subject);
    }

    /**
     * Type, agent and the subject where docs/detectors.md defines it; "*" where the docs leave the
     * subject to the implementation (one finding per type and agent is expected there).
     */
    static String key(String type, String agent, String subject) {
      boolean docsDefineSubject = Set.of("shadow_agent", "decommissioned_acting", "abandoned_agent", "scope_creep",
          "shared_credential").contains(type);
      return type + "|" + agent + "|" + (docsDefineSubject ? subject : "*");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The landing folder
  // ---------------------------------------------------------------------------------------------

  static List<Agent> registry(boolean ownerReplaced) {
    String sponsor = "p-bruno";
    String tech = "p-chen";
    List<Agent> r = new ArrayList<>();
    r.add(new Agent("claims-bot", "claims", "p-alice", sponsor, tech)
        .scope("read:claims", "update:claims", "refund:payments").credential("tok-claims-may", TOKEN, MAY_FROM, MAY_TO, null));
    // declared to refund, but not granted it: it may only refund with a delegating agent's permission
    r.add(new Agent("refund-sub", "claims", "p-quin", sponsor, tech).declared("read:orders", "refund:payments")
        .granted("read:orders").credential("tok-rsub-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("ledger-poster", "finance", "p-dana", sponsor, tech).scope("update:ledger")
        .set("status", "decommissioned").set("decommissioned_at", "2026-04-30T16:00:00Z")
        .credential("tok-ledger-apr", "agent_token", "2026-04-25T00:00:00Z", "2026-05-20T00:00:00Z", null));
    r.add(new Agent("kb-helper", "support", "p-emil", sponsor, tech).scope("read:kb", "update:kb")
        .credential("tok-kb-old", TOKEN, "2026-04-27T00:00:00Z", "2026-05-20T00:00:00Z", "2026-05-04T08:00:00Z")
        .credential("tok-kb-new", TOKEN, "2026-05-04T08:00:00Z", "2026-05-24T08:00:00Z", null));
    r.add(new Agent("vendor-sync", "procurement", ownerReplaced ? "p-gita" : "p-farah", sponsor, tech)
        .scope("read:vendors").credential("tok-vendor-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("report-digest", "finance", "p-hana", sponsor, tech).scope("read:metrics")
        .set("last_review_at", "2025-10-16T09:00:00Z")                     // 200 days before 2026-05-04
        .credential("tok-digest-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("batch-exporter", "analytics", "p-ivan", sponsor, tech).scope("export:reports")
        .credential("key-batch-legacy", "static_api_key", "2025-06-01T00:00:00Z", null, null));
    r.add(new Agent("invoice-matcher", "finance", "p-jade", sponsor, tech).scope("read:invoices")
        .credential("tok-inv-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("payout-checker", "finance", "p-kofi", sponsor, tech).scope("read:payouts")
        .credential("tok-payout-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("ticket-triage", "support", "p-lena", sponsor, tech).scope("read:tickets", "update:tickets")
        .credential("tok-triage-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("bulk-updater", "sales", "p-milo", sponsor, tech).scope("read:crm", "update:crm")
        .credential("tok-bulk-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("quote-issuer", "sales", "p-nora", sponsor, tech).scope("read:quotes", "update:quotes")
        .credential("tok-quote-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("config-pusher", "it", "p-omar", sponsor, tech)
        .scope("read:gateway-config", "config_change:gateway-config").credential("tok-cfg-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("limit-raiser", "finance", "p-pia", sponsor, tech).scope("read:accounts", "update:accounts")
        .credential("tok-limit-may", TOKEN, MAY_FROM, MAY_TO, null));
    r.add(new Agent("doc-indexer", "it", "p-rosa", sponsor, tech).scope("read:wiki", "update:wiki", "export:wiki")
        .credential("tok-docs-may", TOKEN, MAY_FROM, MAY_TO, null));
    return r;
  }

  static List<String> people() {
    List<String> p = new ArrayList<>();
    p.add(person("p-alice", "claims", "claims manager"));
    p.add(person("p-bruno", "operations", "operations director"));
    p.add(person("p-chen", "it", "platform engineer"));
    p.add(person("p-dana", "finance", "controller"));
    p.add(person("p-emil", "support", "support lead"));
    p.add(departed("p-farah", "procurement", "buyer", "2026-04-20T17:00:00Z"));
    p.add(person("p-gita", "procurement", "procurement lead"));
    p.add(person("p-hana", "finance", "analyst"));
    p.add(person("p-hugo", "risk", "senior approver"));
    p.add(person("p-ines", "marketing", "pricing analyst"));
    p.add(person("p-ivan", "analytics", "data lead"));
    p.add(person("p-jade", "finance", "payables lead"));
    p.add(person("p-kofi", "finance", "treasury"));
    p.add(person("p-lena", "support", "service desk lead"));
    p.add(person("p-milo", "sales", "sales ops"));
    p.add(person("p-nora", "sales", "pricing desk"));
    p.add(person("p-omar", "it", "network lead"));
    p.add(person("p-pia", "finance", "credit manager"));
    p.add(person("p-quin", "claims", "refunds lead"));
    p.add(person("p-rosa", "it", "knowledge manager"));
    return p;
  }

  /** The kind each credential id has in the registry; ephemeral tokens unless listed here. */
  static final Map<String, String> KINDS = Map.of("key-batch-legacy", "static_api_key", "tok-ledger-apr", "agent_token");

  static Ev ev(String id, String time, String agent, String credential, String permission) {
    return new Ev(id, time, agent, credential, KINDS.getOrDefault(credential, TOKEN), permission);
  }

  static List<Ev> mondayEvents() {
    List<Ev> e = new ArrayList<>();
    // clean: claims-bot, at the tier each action requires, with approvals before execution
    Ev claims1 = ev("gw-0504-claims-1", "2026-05-04T09:05:00+02:00", "claims-bot", "tok-claims-may", "read:claims")
        .model("acme-ai", "orca-large", "2026-02").onBehalfOf("p-alice");
    e.add(claims1);
    e.add(ev("gw-0504-claims-2", "2026-05-04T08:10:00Z", "claims-bot", "tok-claims-may", "update:claims")
        .sensitivity("confidential").tier(2, "allow_notify", "confidential")
        .oversight("on_the_loop", "p-hugo", null, null, null));
    e.add(ev("gw-0504-claims-3", "2026-05-04T06:00:00-04:00", "claims-bot", "tok-claims-may", "refund:payments")
        .amount("6000.00", "EUR").records(1).tier(3, "require_approval", "refund-5k")
        .oversight("in_the_loop", "p-hugo", "2026-05-04T10:00:05Z", "2026-05-04T10:20:00Z", "approved")
        .executedAt("2026-05-04T10:21:00Z"));
    // local date 2026-05-05, UTC day 2026-05-04: belongs to Monday's folder
    e.add(ev("gw-0504-claims-4", "2026-05-05T01:30:00+03:00", "claims-bot", "tok-claims-may", "read:claims"));

    // 11. privilege_cascade: refund-sub refunds under claims-bot's delegation, beyond its own grants
    e.add(ev("gw-0504-rsub-1", "2026-05-04T07:06:00Z", "refund-sub", "tok-rsub-may", "read:orders"));
    e.add(ev("gw-0504-rsub-2", "2026-05-04T09:07:00+02:00", "refund-sub", "tok-rsub-may", "refund:payments")
        .amount("120.00", "EUR").records(1).childOf(claims1).delegatedBy("claims-bot", 1, List.of("refund:payments")));

    // 1. shadow_agent: pricing-scout is in no registry snapshot
    e.add(ev("gw-0504-scout-1", "2026-05-04T15:45:00+05:30", "pricing-scout", "tok-scout-77", "read:pricing")
        .onBehalfOf("p-ines"));

    // 2. decommissioned_acting: decommissioned on 2026-04-30 and still acting
    e.add(ev("gw-0504-ledger-1", "2026-05-04T11:00:00Z", "ledger-poster", "tok-ledger-apr", "update:ledger"));
    // 2. decommissioned_acting: tok-kb-old revoked at 08:00Z, used at 08:30Z
    e.add(ev("gw-0504-kb-1", "2026-05-04T10:30:00+02:00", "kb-helper", "tok-kb-old", "read:kb"));
    e.add(ev("gw-0504-kb-2", "2026-05-04T09:00:00Z", "kb-helper", "tok-kb-new", "update:kb"));

    // 3. owner departed; 4. review overdue: clean events
    e.add(ev("gw-0504-vendor-1", "2026-05-04T12:00:00Z", "vendor-sync", "tok-vendor-may", "read:vendors"));
    e.add(ev("gw-0504-digest-1", "2026-05-04T06:00:00Z", "report-digest", "tok-digest-may", "read:metrics"));

    // 5. standing_credential: a static API key
    e.add(ev("gw-0504-batch-1", "2026-05-04T02:00:00-03:00", "batch-exporter", "key-batch-legacy", "export:reports"));

    // 6. (shared on Tuesday) both use their own tokens today
    e.add(ev("gw-0504-inv-1", "2026-05-04T07:30:00Z", "invoice-matcher", "tok-inv-may", "read:invoices"));
    e.add(ev("gw-0504-payout-1", "2026-05-04T07:45:00Z", "payout-checker", "tok-payout-may", "read:payouts"));

    // 7. (scope creep on Tuesday) in scope today
    e.add(ev("gw-0504-triage-1", "2026-05-04T08:00:00Z", "ticket-triage", "tok-triage-may", "read:tickets"));
    e.add(ev("gw-0504-triage-2", "2026-05-04T08:05:00Z", "ticket-triage", "tok-triage-may", "update:tickets"));

    // 8. tier_violation: 50,000 records need tier 4 (records-10k); the gateway gave 2 (and notified)
    e.add(ev("gw-0504-bulk-1", "2026-05-04T13:00:00Z", "bulk-updater", "tok-bulk-may", "read:crm"));
    e.add(ev("gw-0504-bulk-2", "2026-05-04T15:00:00+02:00", "bulk-updater", "tok-bulk-may", "update:crm")
        .records(50000).amount("200.00", "EUR").tier(2, "allow_notify", "records-100")
        .oversight("on_the_loop", "p-hugo", null, null, null));

    // 9. oversight_violation: tier 3 executed at 09:10Z, approved at 09:30Z
    e.add(ev("gw-0504-quote-1", "2026-05-04T08:50:00Z", "quote-issuer", "tok-quote-may", "read:quotes"));
    e.add(ev("gw-0504-quote-2", "2026-05-04T10:59:58+02:00", "quote-issuer", "tok-quote-may", "update:quotes")
        .records(5000).tier(3, "require_approval", "records-1k")
        .oversight("in_the_loop", "p-hugo", "2026-05-04T09:00:00Z", "2026-05-04T09:30:00Z", "approved")
        .executedAt("2026-05-04T09:10:00Z"));
    // 9. oversight_violation: tier 4 halt, never answered, executed anyway
    e.add(ev("gw-0504-cfg-1", "2026-05-04T10:30:00Z", "config-pusher", "tok-cfg-may", "read:gateway-config"));
    e.add(ev("gw-0504-cfg-2", "2026-05-04T11:00:00Z", "config-pusher", "tok-cfg-may", "config_change:gateway-config")
        .tier(4, "halt", "config-change").oversight("halt_escalate", "p-hugo", "2026-05-04T11:00:02Z", null, null)
        .executedAt("2026-05-04T11:01:00Z"));

    // 10. sla_breach: tier 3 approved 6 h after the request (SLA 4 h), executed after the approval
    e.add(ev("gw-0504-limit-1", "2026-05-04T07:00:00Z", "limit-raiser", "tok-limit-may", "read:accounts"));
    e.add(ev("gw-0504-limit-2", "2026-05-04T09:59:00+02:00", "limit-raiser", "tok-limit-may", "update:accounts")
        .records(2000).tier(3, "require_approval", "records-1k")
        .oversight("in_the_loop", "p-hugo", "2026-05-04T08:00:00Z", "2026-05-04T14:00:00Z", "approved")
        .executedAt("2026-05-04T14:05:00Z"));

    // 12. unused_permission: export:wiki is granted and never used
    e.add(ev("gw-0504-docs-1", "2026-05-04T09:00:00Z", "doc-indexer", "tok-docs-may", "read:wiki"));
    e.add(ev("gw-0504-docs-2", "2026-05-04T09:30:00Z", "doc-indexer", "tok-docs-may", "update:wiki"));
    return e;
  }

  static List<Ev> tuesdayEvents() {
    List<Ev> e = new ArrayList<>();
    e.add(ev("gw-0505-ledger-1", "2026-05-05T10:00:00-02:00", "ledger-poster", "tok-ledger-apr", "update:ledger"));
    e.add(ev("gw-0505-kb-1", "2026-05-05T09:00:00Z", "kb-helper", "tok-kb-new", "read:kb"));
    e.add(ev("gw-0505-vendor-1", "2026-05-05T12:00:00Z", "vendor-sync", "tok-vendor-may", "read:vendors"));
    // 6. shared_credential: payout-checker acts with invoice-matcher's token, the same day as its holder
    e.add(ev("gw-0505-inv-1", "2026-05-05T07:30:00Z", "invoice-matcher", "tok-inv-may", "read:invoices"));
    e.add(ev("gw-0505-payout-1", "2026-05-05T09:45:00+02:00", "payout-checker", "tok-inv-may", "read:payouts"));
    // 7. scope_creep: delete is outside the declared scope; the gateway halted it at tier 4 (out-of-scope)
    e.add(ev("gw-0505-triage-1", "2026-05-05T08:00:00Z", "ticket-triage", "tok-triage-may", "delete:tickets")
        .tier(4, "halt", "out-of-scope")
        .oversight("halt_escalate", "p-hugo", "2026-05-05T08:00:01Z", "2026-05-05T08:20:00Z", "rejected").blocked());
    return e;
  }

  static List<Ev> wednesdayEvents() {
    return List.of(
        ev("gw-0506-claims-1", "2026-05-06T08:00:00-07:00", "claims-bot", "tok-claims-may", "read:claims"),
        ev("gw-0506-vendor-1", "2026-05-06T12:00:00Z", "vendor-sync", "tok-vendor-may", "read:vendors"));
  }

  static ObjectNode span(String traceId, String spanId, String parentSpanId, String name, String start, String end,
      List<ObjectNode> attributes) {
    ObjectNode s = JSON.createObjectNode().put("traceId", traceId).put("spanId", spanId);
    if (parentSpanId != null) {
      s.put("parentSpanId", parentSpanId);
    }
    s.put("name", name).put("kind", 1).put("startTimeUnixNano", nanos(start)).put("endTimeUnixNano", nanos(end));
    s.putObject("status").put("code", 1);
    s.putArray("attributes").addAll(attributes);
    return s;
  }

  static ObjectNode resourceSpans(List<ObjectNode> resourceAttributes, List<ObjectNode> spans) {
    ObjectNode r = JSON.createObjectNode();
    r.putObject("resource").putArray("attributes").addAll(resourceAttributes);
    ObjectNode scope = r.putArray("scopeSpans").addObject();
    scope.putObject("scope").put("name", "tool-gateway").put("version", "1.4.0");
    scope.putArray("spans").addAll(spans);
    return r;
  }

  /**
   * Tuesday's OTLP/JSON export (contract section 2): the shadow agent's export; claims-bot's chat
   * span (not an event) with a clean tool call under it and an {@code invoke_agent} span of
   * refund-sub, whose delegating agent is the chat span's agent (no agentgov.delegation.* given).
   */
  static String tuesdaySpans() {
    ObjectNode export = JSON.createObjectNode();
    ArrayNode rs = export.putArray("resourceSpans");
    // the shadow agent: agent id on the resource; no agentgov.event_id -> "<traceId>:<spanId>"
    rs.add(resourceSpans(List.of(attr("service.name", "scout-svc"), attr("gen_ai.agent.id", "pricing-scout")),
        List.of(span(SCOUT_TRACE, SCOUT_SPAN, null, "execute_tool export_prices", SCOUT_SPAN_START,
            "2026-05-05T13:20:02Z", List.of(
                attr("gen_ai.operation.name", "execute_tool"),
                attr("gen_ai.tool.name", "export_prices"),
                attr("gen_ai.provider.name", "acme-ai"),
                attr("gen_ai.request.model", "orca-mini"),
                attr("agentgov.credential.id", "tok-scout-77"),
                attr("agentgov.credential.kind", TOKEN),
                attr("agentgov.on_behalf_of", "p-ines"),
                attr("agentgov.action.type", "export"),
                attr("agentgov.action.target_system", "pricing"),
                attr("agentgov.records_affected", 20000L),
                attr("agentgov.data_sensitivity", "internal"),
                attr("agentgov.reversible", true),
                attr("agentgov.policy.checked", true),
                attr("agentgov.policy.decision", "allow"),
                attr("agentgov.policy.tier", 1L))))));
    // claims-bot, clean: agent id on the span, model from the GenAI attributes, tier as a JSON number
    String claimsTrace = ContractProducer.hex("trace claims otel", 32);
    String claimsRoot = ContractProducer.hex("span claims otel root", 16);
    rs.add(resourceSpans(List.of(attr("service.name", "claims-gw")), List.of(
        span(claimsTrace, ContractProducer.hex("span claims otel", 16), claimsRoot, "execute_tool lookup_claim",
            "2026-05-05T08:15:00Z", "2026-05-05T08:15:00.400Z", List.of(
                attr("gen_ai.operation.name", "execute_tool"),
                attr("gen_ai.agent.id", "claims-bot"),
                attr("gen_ai.agent.name", "claims bot"),
                attr("gen_ai.tool.name", "lookup_claim"),
                attr("gen_ai.conversation.id", "conv-claims-88"),
                attr("gen_ai.provider.name", "acme-ai"),
                attr("gen_ai.response.model", "orca-large"),
                attr("agentgov.model.version", "2026-02"),
                attr("agentgov.event_id", CLAIMS_SPAN_EVENT),
                attr("agentgov.credential.id", "tok-claims-may"),
                attr("agentgov.credential.kind", TOKEN),
                attr("agentgov.action.type", "read"),
                attr("agentgov.action.target_system", "claims"),
                attr("agentgov.data_sensitivity", "internal"),
                attr("agentgov.reversible", true),
                attr("agentgov.policy.checked", true),
                attr("agentgov.policy.decision", "allow"),
                attr("agentgov.policy.tier", 1))),
        span(claimsTrace, ContractProducer.hex("span rsub invoke", 16), claimsRoot, "invoke_agent refund-sub",
            "2026-05-05T08:16:00Z", "2026-05-05T08:16:03Z", List.of(
                attr("gen_ai.operation.name", "invoke_agent"),
                attr("gen_ai.agent.id", "refund-sub"),
                attr("gen_ai.agent.name", "refund sub"),
                attr("agentgov.event_id", INVOKE_SPAN_EVENT),
                attr("agentgov.credential.id", "tok-rsub-may"),
                attr("agentgov.credential.kind", TOKEN),
                attr("agentgov.action.type", "refund"),
                attr("agentgov.action.target_system", "payments"),
                attr("agentgov.amount.value", "80.00"),
                attr("agentgov.amount.currency", "EUR"),
                attr("agentgov.data_sensitivity", "internal"),
                attr("agentgov.reversible", true),
                attr("agentgov.policy.checked", true),
                attr("agentgov.policy.decision", "allow"),
                attr("agentgov.policy.tier", 1L))),
        span(claimsTrace, claimsRoot, null, "chat orca-large", "2026-05-05T08:14:58Z", "2026-05-05T08:16:05Z",
            List.of(attr("gen_ai.operation.name", "chat"), attr("gen_ai.agent.id", "claims-bot"))))));
    return export.toString();
  }

  static void land(LocalDate day, List<Ev> events, boolean ownerReplaced) throws IOException {
    write(landing, "events/" + day + "/gateway-eu.jsonl", events.stream().map(Ev::line).toList());
    events.forEach(e -> eventsByAgent.computeIfAbsent(e.agent, a -> new TreeSet<>()).add(e.id));
    planted.put(day, events.size());
    write(landing, "registry/" + day + ".jsonl", registry(ownerReplaced).stream().map(Agent::line).toList());
    write(landing, "people/" + day + ".jsonl", people());
  }

  @BeforeAll
  static void produceIngestDetect() throws IOException {
    Files.createDirectories(landing.resolve("policies"));
    try (InputStream in = IndependentProducerTest.class.getResourceAsStream("/io/agentgov/contract/default-policy.yaml")) {
      assertNotNull(in, "the shipped default policy");
      Files.write(landing.resolve("policies/default-2026.1.yaml"), in.readAllBytes());
    }
    land(MON, mondayEvents(), false);
    land(TUE, tuesdayEvents(), false);
    write(landing, "otel/" + TUE + "/export-0001.json", List.of(tuesdaySpans()));
    planted.merge(TUE, 3, Integer::sum);
    eventsByAgent.computeIfAbsent("refund-sub", a -> new TreeSet<>()).add(INVOKE_SPAN_EVENT);
    eventsByAgent.computeIfAbsent("pricing-scout", a -> new TreeSet<>()).add(SCOUT_SPAN_EVENT);
    eventsByAgent.computeIfAbsent("claims-bot", a -> new TreeSet<>()).add(CLAIMS_SPAN_EVENT);
    land(WED, wednesdayEvents(), true);                                       // vendor-sync's owner replaced

    lake = SharedSpark.lakehouse("independent_producer");
    String uri = landing.toUri().toString();
    for (LocalDate day : NIGHTS) {
      ingested.put(day, new IngestJob(lake, IngestJob.Options.of(uri, day)).run());
      new FeaturesJob(lake, FeaturesJob.Options.day(day)).run();
      detected.put(day, new DetectJob(lake, day, OPTIONS).run());
    }
    for (Row r : lake.read(Tables.FINDINGS).collectAsList()) {
      F f = new F(r.getAs("detect_date"), r.getAs("finding_id"), r.getAs("finding_type"), r.getAs("subject"),
          r.getAs("agent_id"), r.getAs("severity"), r.getAs("status"), r.getAs("status_since"), r.getAs("opened_on"),
          r.getAs("resolved_on"), r.getAs("persistence"), r.<Boolean>getAs("detected_tonight"), r.getAs("first_seen"),
          r.getAs("last_seen"), r.<Long>getAs("evidence_events"), r.getAs("notify_id"), r.getAs("notify_role"),
          new TreeMap<>(r.<String, String>getJavaMap(r.fieldIndex("details"))),
          List.copyOf(r.<String>getList(r.fieldIndex("sample_event_ids"))));
      F clash = findings.computeIfAbsent(f.night(), n -> new TreeMap<>()).put(f.key(), f);
      assertNull(clash, "two findings under one expected key on " + f.night() + ": " + clash + " and " + f);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What the contract and docs/detectors.md make of it
  // ---------------------------------------------------------------------------------------------

  static final String OPEN = "open";
  static final String RESOLVED = "resolved";

  /** The findings opened on Monday night, from the planted cases. */
  static Map<String, String> mondayFindings() {
    Map<String, String> m = new TreeMap<>();
    m.put(F.key("shadow_agent", "pricing-scout", "unregistered"), OPEN);
    m.put(F.key("decommissioned_acting", "ledger-poster", "decommissioned"), OPEN);
    m.put(F.key("decommissioned_acting", "kb-helper", "credential_revoked"), OPEN);
    m.put(F.key("abandoned_agent", "vendor-sync", "owner_departed:owner"), OPEN);
    m.put(F.key("accountability_gap", "vendor-sync", "*"), OPEN);
    m.put(F.key("abandoned_agent", "report-digest", "review_overdue"), OPEN);
    m.put(F.key("standing_credential", "batch-exporter", "*"), OPEN);
    m.put(F.key("tier_violation", "bulk-updater", "*"), OPEN);
    m.put(F.key("oversight_violation", "quote-issuer", "*"), OPEN);
    m.put(F.key("oversight_violation", "config-pusher", "*"), OPEN);
    m.put(F.key("sla_breach", "limit-raiser", "*"), OPEN);
    m.put(F.key("privilege_cascade", "refund-sub", "*"), OPEN);
    return m;
  }

  /** Tuesday adds the shared token, the unused grant (two days observed) and the out-of-scope delete. */
  static Map<String, String> tuesdayFindings() {
    Map<String, String> m = mondayFindings();
    m.put(F.key("shared_credential", "invoice-matcher", "tok-inv-may"), OPEN);
    m.put(F.key("shared_credential", "payout-checker", "tok-inv-may"), OPEN);
    m.put(F.key("unused_permission", "doc-indexer", "*"), OPEN);
    m.put(F.key("scope_creep", "ticket-triage", "outside_declared_scope"), OPEN);
    return m;
  }

  /**
   * Wednesday: vendor-sync's departed owner was replaced in the registry snapshot, so its two
   * condition findings resolve; evidence findings stay open (quiet_days 14); the shared token is
   * still shared within shared_credential_days.
   */
  static Map<String, String> wednesdayFindings() {
    Map<String, String> m = tuesdayFindings();
    m.put(F.key("abandoned_agent", "vendor-sync", "owner_departed:owner"), RESOLVED);
    m.put(F.key("accountability_gap", "vendor-sync", "*"), RESOLVED);
    return m;
  }

  static final Map<LocalDate, Map<String, String>> EXPECTED = Map.of(MON, mondayFindings(), TUE, tuesdayFindings(),
      WED, wednesdayFindings());

  /** Evidence events per finding and night (event-based findings, docs/detectors.md "evidence: events"). */
  static Map<LocalDate, Map<String, Set<String>>> evidence() {
    Map<String, Set<String>> mon = new TreeMap<>();
    mon.put(F.key("shadow_agent", "pricing-scout", "unregistered"), Set.of("gw-0504-scout-1"));
    mon.put(F.key("decommissioned_acting", "ledger-poster", "decommissioned"), Set.of("gw-0504-ledger-1"));
    mon.put(F.key("decommissioned_acting", "kb-helper", "credential_revoked"), Set.of("gw-0504-kb-1"));
    mon.put(F.key("standing_credential", "batch-exporter", "*"), Set.of("gw-0504-batch-1"));
    mon.put(F.key("tier_violation", "bulk-updater", "*"), Set.of("gw-0504-bulk-2"));
    mon.put(F.key("oversight_violation", "quote-issuer", "*"), Set.of("gw-0504-quote-2"));
    mon.put(F.key("oversight_violation", "config-pusher", "*"), Set.of("gw-0504-cfg-2"));
    mon.put(F.key("sla_breach", "limit-raiser", "*"), Set.of("gw-0504-limit-2"));
    mon.put(F.key("privilege_cascade", "refund-sub", "*"), Set.of("gw-0504-rsub-2"));
    Map<String, Set<String>> tue = new TreeMap<>();
    tue.put(F.key("shadow_agent", "pricing-scout", "unregistered"), Set.of(SCOUT_SPAN_EVENT));
    tue.put(F.key("decommissioned_acting", "ledger-poster", "decommissioned"), Set.of("gw-0505-ledger-1"));
    tue.put(F.key("scope_creep", "ticket-triage", "outside_declared_scope"), Set.of("gw-0505-triage-1"));
    tue.put(F.key("privilege_cascade", "refund-sub", "*"), Set.of(INVOKE_SPAN_EVENT));
    return Map.of(MON, mon, TUE, tue, WED, Map.of());
  }

  static F finding(LocalDate night, String type, String agent, String subject) {
    F f = findings.getOrDefault(night, Map.of()).get(F.key(type, agent, subject));
    assertNotNull(f, type + " of " + agent + " (" + subject + ") on " + night + "; found " + keys(night));
    return f;
  }

  static Set<String> keys(LocalDate night) {
    return findings.getOrDefault(night, Map.of()).keySet();
  }

  static String describe(LocalDate night) {
    return findings.getOrDefault(night, Map.of()).values().stream()
        .map(f -> f.type() + " " + f.agentId() + " [" + f.subject() + "] " + f.status() + " " + f.severity() + ": "
            + f.details())
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  // ---------------------------------------------------------------------------------------------
  // Tests
  // ---------------------------------------------------------------------------------------------

  @Test
  void everyHandWrittenRecordFollowsTheContract() {
    for (LocalDate day : NIGHTS) {
      IngestResult r = ingested.get(day);
      assertEquals(Map.of(), r.quarantinedByReason(), "nothing quarantined on " + day + ": " + r.summary());
      assertEquals(planted.get(day).longValue(), r.eventsStored(), r.summary());
      assertTrue(r.reconciles(), r.summary());
    }
    assertEquals(1, ingested.get(TUE).otelSpansNotEvents(), "the chat span is not an agent action");
    long stored = eventsByAgent.values().stream().mapToLong(Set::size).sum();
    assertEquals(stored, lake.read(Tables.EVENTS).count());
  }

  @Test
  void offsetsAreNormalisedAndSpansMapped() {
    Row late = lake.read(Tables.EVENTS).where(col("event_id").equalTo("gw-0504-claims-4")).first();
    assertEquals(Instant.parse("2026-05-04T22:30:00Z"), late.getAs("event_time"), "+03:00 normalised to UTC");
    assertEquals(MON, late.getAs("event_date"), "an event's day is the UTC date of event_time");
    Row span = lake.read(Tables.EVENTS).where(col("event_id").equalTo(SCOUT_SPAN_EVENT)).first();
    assertEquals("pricing-scout", span.getAs("agent_id"), "agent from the resource's gen_ai.agent.id");
    assertEquals(Instant.parse(SCOUT_SPAN_START), span.getAs("event_time"), "event_time from startTimeUnixNano");
    assertEquals(20000L, (long) span.<Long>getAs("records_affected"), "int64 sent as a JSON string");
    Row claims = lake.read(Tables.EVENTS).where(col("event_id").equalTo(CLAIMS_SPAN_EVENT)).first();
    assertEquals("claims-bot", claims.getAs("agent_id"));
    assertEquals(Instant.parse("2026-05-05T08:15:00.400Z"), claims.<Row>getAs("outcome").getAs("executed_at"),
        "executed_at from endTimeUnixNano on an OK span");
    Row invoked = lake.read(Tables.EVENTS).where(col("event_id").equalTo(INVOKE_SPAN_EVENT)).first();
    assertEquals("refund-sub", invoked.getAs("agent_id"), "on invoke_agent, the invoked agent acts");
    assertEquals("claims-bot", invoked.<Row>getAs("delegation").getAs("parent_agent_id"),
        "the delegating agent is the parent span's agent");
    assertEquals(1, ((Number) invoked.<Row>getAs("delegation").getAs("depth")).intValue(), "one agent change from the root");
  }

  @Test
  void exactlyThePlantedFindingsComeOutEachNight() {
    for (LocalDate night : NIGHTS) {
      Map<String, String> actual = new TreeMap<>();
      findings.getOrDefault(night, Map.of()).forEach((k, f) -> actual.put(k, f.status()));
      assertEquals(EXPECTED.get(night), actual, "findings on " + night + ":" + describe(night));
    }
  }

  @Test
  void wellGovernedAgentsHaveNoFinding() {
    // claims-bot: ephemeral token, in scope, every tier as the policy requires (incl. a 6,000 EUR refund at
    // tier 3 approved before execution within the SLA, a confidential update at tier 2 with a notification),
    // reviewed, active owner, a delegating agent, an OTel span with the registry's model
    for (LocalDate night : NIGHTS) {
      for (F f : findings.getOrDefault(night, Map.of()).values()) {
        assertFalse(f.agentId().equals("claims-bot"), "no finding for the well-governed agent: " + f);
        assertTrue(f.samples().stream().noneMatch(id -> eventsByAgent.get("claims-bot").contains(id)),
            "a clean event is nobody's evidence: " + f);
      }
    }
  }

  @Test
  void severitiesFollowTheTypesBaseAndImpact() {
    Map<String, String> expected = new TreeMap<>();
    expected.put(F.key("shadow_agent", "pricing-scout", "unregistered"), "high");
    expected.put(F.key("decommissioned_acting", "ledger-poster", "decommissioned"), "critical");
    expected.put(F.key("decommissioned_acting", "kb-helper", "credential_revoked"), "critical");
    expected.put(F.key("abandoned_agent", "vendor-sync", "owner_departed:owner"), "medium");
    expected.put(F.key("accountability_gap", "vendor-sync", "*"), "high");
    expected.put(F.key("abandoned_agent", "report-digest", "review_overdue"), "medium");
    expected.put(F.key("standing_credential", "batch-exporter", "*"), "medium");
    expected.put(F.key("tier_violation", "bulk-updater", "*"), "critical");   // required tier 4: should not have run
    expected.put(F.key("oversight_violation", "quote-issuer", "*"), "high");
    expected.put(F.key("oversight_violation", "config-pusher", "*"), "critical");   // executed despite halt
    expected.put(F.key("sla_breach", "limit-raiser", "*"), "medium");
    expected.put(F.key("privilege_cascade", "refund-sub", "*"), "critical");
    expected.put(F.key("shared_credential", "invoice-matcher", "tok-inv-may"), "high");
    expected.put(F.key("shared_credential", "payout-checker", "tok-inv-may"), "high");
    expected.put(F.key("unused_permission", "doc-indexer", "*"), "low");
    expected.put(F.key("scope_creep", "ticket-triage", "outside_declared_scope"), "high");
    Map<String, String> actual = new TreeMap<>();
    findings.get(WED).forEach((k, f) -> actual.put(k, f.severity()));
    assertEquals(expected, actual, describe(WED));
  }

  @Test
  void theActiveOwnerIsNotifiedElseSponsorElseWhoTheShadowActedFor() {
    Map<String, String> owners = new TreeMap<>();
    registry(false).forEach(a -> owners.put(a.n.get("agent_id").asText(), a.n.get("owner_id").asText()));
    for (LocalDate night : List.of(MON, TUE)) {
      for (F f : findings.get(night).values()) {
        switch (f.agentId()) {
          case "pricing-scout" -> {
            assertEquals("acted_for", f.notifyRole(), f.toString());
            assertEquals("p-ines", f.notifyId(), f.toString());
          }
          case "vendor-sync" -> {                                   // owner p-farah departed: the sponsor
            assertEquals("sponsor", f.notifyRole(), f.toString());
            assertEquals("p-bruno", f.notifyId(), f.toString());
          }
          default -> {
            assertEquals("owner", f.notifyRole(), f.toString());
            assertEquals(owners.get(f.agentId()), f.notifyId(), f.toString());
          }
        }
      }
    }
  }

  @Test
  void evidenceSamplesAreThePlantedEvents() {
    Set<String> stored = new HashSet<>(lake.read(Tables.EVENTS).select("event_id").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
    Map<LocalDate, Map<String, Set<String>>> evidence = evidence();
    Map<String, Set<String>> soFar = new TreeMap<>();
    for (LocalDate night : NIGHTS) {
      evidence.get(night).forEach((k, ids) -> soFar.computeIfAbsent(k, x -> new TreeSet<>()).addAll(ids));
      for (F f : findings.get(night).values()) {
        assertTrue(stored.containsAll(f.samples()), "samples are stored events: " + f);
        assertTrue(eventsByAgent.getOrDefault(f.agentId(), Set.of()).containsAll(f.samples()),
            "samples are the agent's own planted events: " + f);
        Set<String> tonight = evidence.get(night).get(f.key());
        if (tonight != null) {
          assertTrue(new HashSet<>(f.samples()).containsAll(tonight), "tonight's evidence " + tonight + " in " + f);
          assertTrue(f.detectedTonight(), f.toString());
        }
        if (soFar.containsKey(f.key())) {
          assertTrue(soFar.get(f.key()).containsAll(f.samples()), "only evidence events " + soFar.get(f.key()) + ": " + f);
          assertFalse(f.samples().isEmpty(), "an event-based finding names its evidence: " + f);
        }
      }
    }
    // the shared token: evidence, if any is listed, is the sharing day's use of tok-inv-may
    assertTrue(Set.of("gw-0505-inv-1").containsAll(finding(TUE, "shared_credential", "invoice-matcher", "tok-inv-may").samples()));
    assertTrue(Set.of("gw-0505-payout-1").containsAll(finding(TUE, "shared_credential", "payout-checker", "tok-inv-may").samples()));
    // the OTel span takes part in the shadow agent's finding
    assertTrue(finding(TUE, "shadow_agent", "pricing-scout", "unregistered").samples().contains(SCOUT_SPAN_EVENT));
  }

  /**
   * docs/tables.md#findings: {@code sample_event_ids} holds "up to 5 events of evidence, latest night
   * first": a finding with evidence on two nights lists Tuesday's events, then Monday's.
   */
  @Test
  void samplesSpanNightsLatestFirst() {
    assertEquals(List.of(SCOUT_SPAN_EVENT, "gw-0504-scout-1"),
        finding(TUE, "shadow_agent", "pricing-scout", "unregistered").samples());
    assertEquals(List.of("gw-0505-ledger-1", "gw-0504-ledger-1"),
        finding(TUE, "decommissioned_acting", "ledger-poster", "decommissioned").samples());
  }

  @Test
  void findingsLiveFromNightToNightUnderOneId() {
    Map<String, String> ids = new TreeMap<>();
    for (LocalDate night : NIGHTS) {
      for (F f : findings.get(night).values()) {
        assertTrue(f.findingId().matches("F-[0-9a-f]{16}"), f.findingId());
        String before = ids.putIfAbsent(f.key(), f.findingId());
        assertTrue(before == null || before.equals(f.findingId()), "one id every night: " + f);
      }
    }
    assertEquals(ids.size(), new HashSet<>(ids.values()).size(), "distinct findings, distinct ids");

    // a condition ends: vendor-sync's owner is replaced in Wednesday's registry snapshot
    for (F f : List.of(finding(WED, "abandoned_agent", "vendor-sync", "owner_departed:owner"),
        finding(WED, "accountability_gap", "vendor-sync", "*"))) {
      assertEquals(RESOLVED, f.status(), f.toString());
      assertEquals(WED, f.statusSince(), f.toString());
      assertEquals(WED, f.resolvedOn(), f.toString());
      assertEquals(MON, f.openedOn(), f.toString());
      assertEquals("condition", f.persistence(), f.toString());
      assertFalse(f.detectedTonight(), f.toString());
    }

    // a quiet night proves nothing: evidence findings stay open until quiet_days have passed
    F halt = finding(WED, "oversight_violation", "config-pusher", "*");
    assertEquals(OPEN, halt.status());
    assertFalse(halt.detectedTonight());
    assertEquals("evidence", halt.persistence());
    assertEquals(MON, halt.openedOn());
    assertEquals(List.of("gw-0504-cfg-2"), halt.samples());

    // opened on the night first detected
    assertEquals(TUE, finding(WED, "unused_permission", "doc-indexer", "*").openedOn());
    assertEquals(TUE, finding(WED, "scope_creep", "ticket-triage", "outside_declared_scope").openedOn());
    assertEquals(TUE, finding(WED, "shared_credential", "payout-checker", "tok-inv-may").openedOn());
    assertTrue(finding(WED, "abandoned_agent", "report-digest", "review_overdue").detectedTonight(), "still overdue");

    // evidence grows, first and last seen in UTC
    F shadow = finding(TUE, "shadow_agent", "pricing-scout", "unregistered");
    assertEquals(2L, shadow.evidenceEvents(), shadow.toString());
    assertEquals(Instant.parse("2026-05-04T10:15:00Z"), shadow.firstSeen(), "15:45+05:30");
    assertEquals(Instant.parse(SCOUT_SPAN_START), shadow.lastSeen());
    assertEquals(1L, finding(MON, "shadow_agent", "pricing-scout", "unregistered").evidenceEvents());
  }

  @Test
  void detailsNameTheCause() {
    F tier = finding(MON, "tier_violation", "bulk-updater", "*");
    assertTrue(String.join(" ", tier.details().values()).contains("records-10k"), "the deciding rule: " + tier);
    assertTrue(tier.details().getOrDefault("required_tier", "").contains("4"), tier.toString());
    assertTrue(tier.details().getOrDefault("gateway_tier", "").contains("2"), tier.toString());

    F before = finding(MON, "oversight_violation", "quote-issuer", "*");
    assertTrue(String.join(" ", before.details().values()).contains("executed_before_approval"), before.toString());
    assertFalse(String.join(" ", before.details().values()).contains("executed_despite_halt"), before.toString());
    F halt = finding(MON, "oversight_violation", "config-pusher", "*");
    assertTrue(String.join(" ", halt.details().values()).contains("executed_despite_halt"), halt.toString());

    F cascade = finding(MON, "privilege_cascade", "refund-sub", "*");
    assertTrue(String.join(" ", cascade.details().values()).contains("beyond_own_grants"), cascade.toString());
    assertTrue(String.join(" ", cascade.details().values()).contains("refund:payments"), cascade.toString());

    F cascadeOtel = finding(TUE, "privilege_cascade", "refund-sub", "*");
    assertTrue(cascadeOtel.detectedTonight(), "the invoke_agent span is delegated: " + cascadeOtel);
    assertTrue(cascadeOtel.details().getOrDefault("delegation_parent", "").contains("claims-bot"), cascadeOtel.toString());
    assertEquals(2L, cascadeOtel.evidenceEvents(), cascadeOtel.toString());

    F unused = finding(TUE, "unused_permission", "doc-indexer", "*");
    assertEquals("export:wiki", unused.details().get("permissions_to_remove"), unused.toString());

    F scope = finding(TUE, "scope_creep", "ticket-triage", "outside_declared_scope");
    assertEquals("direct", scope.details().get("via"), scope.toString());
    assertNotNull(scope.details().get("new_permissions_by_month"), scope.toString());

    F standing = finding(MON, "standing_credential", "batch-exporter", "*");
    assertEquals("key-batch-legacy", standing.details().get("credential_id"), standing.toString());

    F shared = finding(TUE, "shared_credential", "payout-checker", "tok-inv-may");
    assertEquals("tok-inv-may", shared.details().get("credential_id"), shared.toString());

    F owner = finding(MON, "abandoned_agent", "vendor-sync", "owner_departed:owner");
    assertEquals("owner_departed", owner.details().get("reason"), owner.toString());
  }

  @Test
  void detectJobCountsMatchTheTable() {
    for (LocalDate night : NIGHTS) {
      long active = findings.get(night).values().stream().filter(f -> !f.status().equals(RESOLVED)).count();
      assertEquals(active, detected.get(night).active(), detected.get(night).summary());
      Map<String, Long> byType = new LinkedHashMap<>();
      findings.get(night).values().stream().filter(f -> !f.status().equals(RESOLVED))
          .forEach(f -> byType.merge(f.type(), 1L, Long::sum));
      assertEquals(new TreeMap<>(byType), new TreeMap<>(detected.get(night).activeByType()));
    }
    assertEquals(12L, detected.get(MON).opened());
    assertEquals(4L, detected.get(TUE).opened());
    assertEquals(2L, detected.get(WED).resolved());
  }
}
