package io.agentgov.generator;

import static io.agentgov.contract.Vocabulary.ActionType.CONFIG_CHANGE;
import static io.agentgov.contract.Vocabulary.ActionType.CREATE;
import static io.agentgov.contract.Vocabulary.ActionType.DELETE;
import static io.agentgov.contract.Vocabulary.ActionType.EXPORT;
import static io.agentgov.contract.Vocabulary.ActionType.OTHER;
import static io.agentgov.contract.Vocabulary.ActionType.PAYMENT;
import static io.agentgov.contract.Vocabulary.ActionType.READ;
import static io.agentgov.contract.Vocabulary.ActionType.REFUND;
import static io.agentgov.contract.Vocabulary.ActionType.SEND_MESSAGE;
import static io.agentgov.contract.Vocabulary.ActionType.UPDATE;
import static io.agentgov.contract.Vocabulary.DataSensitivity.CONFIDENTIAL;
import static io.agentgov.contract.Vocabulary.DataSensitivity.INTERNAL;
import static io.agentgov.contract.Vocabulary.DataSensitivity.PII;
import static io.agentgov.contract.Vocabulary.DataSensitivity.PUBLIC;
import static io.agentgov.contract.Vocabulary.DataSensitivity.SPECIAL_CATEGORY;

import io.agentgov.contract.Vocabulary.ActionType;
import io.agentgov.contract.Vocabulary.DataSensitivity;
import io.agentgov.contract.Vocabulary.EuRiskClass;
import java.util.List;

/**
 * What the synthetic enterprise is made of: business units, the kinds of agent each runs
 * (archetypes) with their tools, the models behind them, and the agents that staff build
 * without telling anyone (shadow archetypes). Pure data; {@link EnterpriseBuilder} draws from it.
 */
final class Catalog {
  private Catalog() {}

  /** How many records an action touches. */
  enum Records { ONE, FEW, BATCH, BULK }

  /** The size of the money amount an action moves, if any. */
  enum Money { NONE, SMALL, MEDIUM, LARGE }

  /** Whom the action is done for. */
  enum Behalf { NONE, CUSTOMER, EMPLOYEE }

  /** When in the (local) day and week an agent works. */
  enum Rhythm { BUSINESS, EXTENDED, ALWAYS, NIGHTLY }

  enum Kind { TOP, ORCHESTRATOR, SUB, BATCH }

  record ToolSpec(String name, ActionType action, String target, String resource, DataSensitivity sensitivity,
                  boolean reversible, Records records, Money money, List<String> regulatory, double weight,
                  Behalf behalf, int args) {
    ToolSpec reg(String... scopes) {
      return new ToolSpec(name, action, target, resource, sensitivity, reversible, records, money, List.of(scopes), weight,
          behalf, args);
    }

    ToolSpec behalf(Behalf b) {
      return new ToolSpec(name, action, target, resource, sensitivity, reversible, records, money, regulatory, weight, b,
          args);
    }

    ToolSpec weight(double w) {
      return new ToolSpec(name, action, target, resource, sensitivity, reversible, records, money, regulatory, w, behalf,
          args);
    }
  }

  /** A tool: name, action type, target system, resource path prefix, sensitivity, reversible, records, money, weight. */
  static ToolSpec t(String name, ActionType action, String target, String resource, DataSensitivity s, boolean reversible,
                    Records records, Money money, double weight) {
    int args = 1 + Math.floorMod(name.hashCode(), 4);
    return new ToolSpec(name, action, target, target + "/" + resource, s, reversible, records, money, List.of(), weight,
        Behalf.NONE, args);
  }

  static ToolSpec t(String name, ActionType action, String target, String resource, DataSensitivity s, double weight) {
    return t(name, action, target, resource, s, true, Records.ONE, Money.NONE, weight);
  }

  record Archetype(String key, String purpose, Kind kind, Rhythm rhythm, List<ToolSpec> tools, List<String> subAgents,
                   EuRiskClass euRisk, double volume, double traceLength, int tokensIn, int tokensOut, int latencyMs,
                   double confidence) {}

  static Archetype arch(String key, String purpose, Kind kind, Rhythm rhythm, EuRiskClass risk, double volume,
                        double traceLength, int tokensIn, int tokensOut, int latencyMs, double confidence,
                        List<String> subs, ToolSpec... tools) {
    return new Archetype(key, purpose, kind, rhythm, List.of(tools), subs, risk, volume, traceLength, tokensIn, tokensOut,
        latencyMs, confidence);
  }

  record UnitSpec(String id, String name, String code, int offsetMinutes, String currency, List<Archetype> archetypes) {
    Archetype archetype(String key) {
      for (Archetype a : archetypes) {
        if (a.key.equals(key)) {
          return a;
        }
      }
      throw new IllegalArgumentException("Cannot find archetype " + key + " in unit " + id);
    }
  }

  private static final EuRiskClass MIN = EuRiskClass.MINIMAL;
  private static final EuRiskClass LIM = EuRiskClass.LIMITED;
  private static final EuRiskClass HIGH = EuRiskClass.HIGH;

  // shared tools
  private static final ToolSpec CUSTOMER_PROFILE =
      t("get_customer_profile", READ, "crm", "customers/CUS-", PII, 5).behalf(Behalf.CUSTOMER);
  private static final ToolSpec GET_TICKET = t("get_ticket", READ, "ticketing", "tickets/TCK-", INTERNAL, 6);
  private static final ToolSpec GET_ORDER = t("get_order", READ, "order-management", "orders/ORD-", CONFIDENTIAL, 5);
  private static final ToolSpec SEARCH_KB = t("search_kb", READ, "knowledge-base", "articles/KB-", PUBLIC, 5);
  private static final ToolSpec POST_REPLY =
      t("post_ticket_reply", SEND_MESSAGE, "ticketing", "tickets/TCK-", INTERNAL, 5).behalf(Behalf.CUSTOMER);

  /** The business units, in the order options take them: the first units have the most mature governance. */
  static final List<UnitSpec> UNITS = List.of(
      new UnitSpec("customer-service", "Customer Service", "cs", 60, "EUR", List.of(
          arch("case-orchestrator", "Routes customer cases and coordinates the specialist agents", Kind.ORCHESTRATOR,
              Rhythm.EXTENDED, LIM, 1.6, 4, 3200, 180, 900, 0.93, List.of("kb-researcher", "refund-specialist", "order-desk"),
              CUSTOMER_PROFILE, GET_TICKET, t("update_ticket", UPDATE, "ticketing", "tickets/TCK-", INTERNAL, 4),
              t("classify_intent", OTHER, "intent-router", "models/router-v", INTERNAL, 3), POST_REPLY.weight(3)),
          arch("kb-researcher", "Finds knowledge-base answers for customer cases", Kind.SUB, Rhythm.ALWAYS, MIN, 0.3, 2,
              2400, 120, 500, 0.94, List.of(),
              SEARCH_KB.weight(8), t("fetch_policy_doc", READ, "knowledge-base", "policies/POL-", INTERNAL, 3)),
          arch("refund-specialist", "Checks orders and issues refunds within policy", Kind.SUB, Rhythm.EXTENDED, LIM, 0.3,
              2, 2800, 160, 1100, 0.92, List.of("fraud-screener"),
              GET_ORDER, t("issue_refund", REFUND, "payments", "refunds/RF-", CONFIDENTIAL, true, Records.ONE, Money.SMALL,
                  3).behalf(Behalf.CUSTOMER)),
          arch("fraud-screener", "Scores refund requests for fraud risk", Kind.SUB, Rhythm.ALWAYS, LIM, 0.2, 1, 1500, 60,
              400, 0.95, List.of(),
              t("score_transaction", READ, "risk-scoring", "transactions/TX-", CONFIDENTIAL, 5)),
          arch("order-desk", "Looks up, amends and cancels customer orders", Kind.SUB, Rhythm.EXTENDED, MIN, 0.3, 2, 2600,
              140, 800, 0.93, List.of(),
              GET_ORDER.weight(4), t("update_order", UPDATE, "order-management", "orders/ORD-", CONFIDENTIAL, 2),
              t("cancel_order", DELETE, "order-management", "orders/ORD-", CONFIDENTIAL, 1)),
          arch("support-assistant", "Answers customer questions in the help centre", Kind.TOP, Rhythm.EXTENDED, LIM, 1.4,
              3, 3600, 220, 1200, 0.92, List.of(),
              CUSTOMER_PROFILE, GET_ORDER.weight(4),
              t("update_customer_address", UPDATE, "crm", "customers/CUS-", PII, 1).behalf(Behalf.CUSTOMER),
              POST_REPLY.weight(6), t("create_ticket", CREATE, "ticketing", "tickets/TCK-", INTERNAL, 2), SEARCH_KB),
          arch("complaint-triage", "Prioritises complaints and alerts team leads", Kind.TOP, Rhythm.BUSINESS, MIN, 0.8, 2,
              2000, 90, 700, 0.9, List.of(),
              GET_TICKET, t("set_ticket_priority", UPDATE, "ticketing", "tickets/TCK-", INTERNAL, 3),
              t("notify_team", SEND_MESSAGE, "chat-ops", "channels/C-", INTERNAL, 1)),
          arch("survey-analyzer", "Summarises satisfaction surveys overnight", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 5200,
              380, 2600, 0.9, List.of(),
              t("read_survey_responses", READ, "survey-platform", "surveys/SRV-", CONFIDENTIAL, true, Records.BATCH,
                  Money.NONE, 3),
              t("export_insights", EXPORT, "data-warehouse", "tables/cs_insights_", INTERNAL, true, Records.BATCH,
                  Money.NONE, 1)))),
      new UnitSpec("finance", "Finance", "fin", 60, "EUR", List.of(
          arch("close-coordinator", "Coordinates the month-end close across specialist agents", Kind.ORCHESTRATOR,
              Rhythm.BUSINESS, MIN, 1.0, 3, 3000, 200, 1000, 0.93, List.of("reconciliation-worker", "journal-poster"),
              t("get_ledger_balance", READ, "erp-ledger", "accounts/GL-", CONFIDENTIAL, 5),
              t("open_close_task", CREATE, "close-mgmt", "tasks/CT-", INTERNAL, 2)),
          arch("reconciliation-worker", "Matches bank statements to ledger entries", Kind.SUB, Rhythm.BUSINESS, MIN, 0.3,
              2, 4200, 150, 1500, 0.94, List.of(),
              t("fetch_bank_statement", READ, "bank-portal", "statements/ST-", CONFIDENTIAL, true, Records.FEW, Money.NONE,
                  4),
              t("match_transactions", UPDATE, "erp-ledger", "entries/GLE-", CONFIDENTIAL, true, Records.BATCH, Money.NONE,
                  3)),
          arch("journal-poster", "Drafts and posts journal entries", Kind.SUB, Rhythm.BUSINESS, MIN, 0.2, 2, 3000, 260,
              1300, 0.93, List.of(),
              t("draft_journal_entry", CREATE, "erp-ledger", "journals/JE-", CONFIDENTIAL, true, Records.FEW, Money.MEDIUM,
                  3),
              t("post_journal_entry", UPDATE, "erp-ledger", "journals/JE-", CONFIDENTIAL, true, Records.FEW, Money.MEDIUM,
                  1).reg("sox")),
          arch("invoice-matcher", "Matches supplier invoices to purchase orders", Kind.TOP, Rhythm.BUSINESS, MIN, 1.5, 3,
              2900, 110, 900, 0.94, List.of(),
              t("get_invoice", READ, "accounts-payable", "invoices/INV-", CONFIDENTIAL, 8),
              t("match_invoice_to_po", UPDATE, "accounts-payable", "invoices/INV-", CONFIDENTIAL, true, Records.FEW,
                  Money.NONE, 5),
              t("flag_exception", CREATE, "ticketing", "tickets/TCK-", INTERNAL, 1)),
          arch("payment-runner", "Schedules supplier payments and releases payment batches", Kind.TOP, Rhythm.BUSINESS,
              MIN, 0.8, 2, 2500, 120, 1100, 0.95, List.of(),
              t("get_vendor", READ, "vendor-master", "vendors/V-", CONFIDENTIAL, 4),
              t("schedule_payment", PAYMENT, "payments", "payments/PAY-", CONFIDENTIAL, true, Records.ONE, Money.MEDIUM, 4),
              t("release_payment_batch", PAYMENT, "bank-portal", "batches/B-", CONFIDENTIAL, false, Records.FEW,
                  Money.LARGE, 0.2)),
          arch("credit-limit-assessor", "Assesses customers' creditworthiness and sets credit limits", Kind.TOP,
              Rhythm.BUSINESS, HIGH, 0.6, 2, 4800, 240, 1600, 0.91, List.of(),
              t("get_credit_report", READ, "credit-bureau", "reports/CR-", PII, 5).behalf(Behalf.CUSTOMER),
              t("set_credit_limit", UPDATE, "credit-decisioning", "accounts/ACC-", PII, true, Records.ONE, Money.MEDIUM,
                  1.5).reg("eu_ai_act_high_risk", "gdpr").behalf(Behalf.CUSTOMER)),
          arch("expense-auditor", "Audits employee expense reports", Kind.TOP, Rhythm.BUSINESS, MIN, 0.9, 2, 2600, 130,
              800, 0.92, List.of(),
              t("get_expense_report", READ, "expense-mgmt", "reports/EXP-", PII, 6).behalf(Behalf.EMPLOYEE),
              t("flag_expense", UPDATE, "expense-mgmt", "reports/EXP-", INTERNAL, 2),
              t("approve_expense", PAYMENT, "expense-mgmt", "reports/EXP-", CONFIDENTIAL, true, Records.ONE, Money.SMALL,
                  1).behalf(Behalf.EMPLOYEE)))),
      new UnitSpec("it-operations", "IT Operations", "itops", 0, "USD", List.of(
          arch("incident-commander", "Triages alerts, opens incidents and coordinates remediation", Kind.ORCHESTRATOR,
              Rhythm.ALWAYS, MIN, 1.3, 4, 2800, 160, 700, 0.92, List.of("diagnostics-runner", "remediation-bot"),
              t("get_alerts", READ, "monitoring", "alerts/AL-", INTERNAL, 6),
              t("create_incident", CREATE, "incident-mgmt", "incidents/INC-", INTERNAL, 2),
              t("post_status_update", SEND_MESSAGE, "chat-ops", "channels/C-", INTERNAL, 3)),
          arch("diagnostics-runner", "Queries logs and runs health checks", Kind.SUB, Rhythm.ALWAYS, MIN, 0.3, 2, 3500, 90,
              1400, 0.93, List.of(),
              t("query_logs", READ, "log-platform", "queries/LQ-", CONFIDENTIAL, true, Records.BATCH, Money.NONE, 5),
              t("run_health_check", OTHER, "k8s-prod", "services/svc-", INTERNAL, 3)),
          arch("remediation-bot", "Restarts, scales and rolls back services", Kind.SUB, Rhythm.ALWAYS, MIN, 0.3, 2, 2200,
              80, 2200, 0.9, List.of(),
              t("restart_service", UPDATE, "k8s-prod", "services/svc-", INTERNAL, 4),
              t("scale_deployment", CONFIG_CHANGE, "k8s-prod", "deployments/dep-", INTERNAL, 1),
              t("rollback_release", UPDATE, "ci-cd", "releases/R-", INTERNAL, 1)),
          arch("access-provisioner", "Grants and revokes access on request", Kind.TOP, Rhythm.BUSINESS, MIN, 1.0, 2, 2100,
              70, 600, 0.94, List.of(),
              t("lookup_user", READ, "iam", "users/U-", PII, 4).behalf(Behalf.EMPLOYEE),
              t("grant_access", UPDATE, "iam", "groups/G-", CONFIDENTIAL, 3).behalf(Behalf.EMPLOYEE),
              t("revoke_access", DELETE, "iam", "groups/G-", CONFIDENTIAL, 1)),
          arch("patch-scheduler", "Plans patch windows and raises change requests", Kind.TOP, Rhythm.BUSINESS, MIN, 0.7, 2,
              2400, 150, 900, 0.93, List.of(),
              t("query_cmdb", READ, "cmdb", "hosts/H-", INTERNAL, 5),
              t("create_change_request", CREATE, "change-mgmt", "changes/CHG-", INTERNAL, 2),
              t("apply_patch_window", CONFIG_CHANGE, "ci-cd", "pipelines/P-", INTERNAL, 0.3)),
          arch("log-janitor", "Purges expired log indices", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 1200, 40, 3000, 0.97,
              List.of(),
              t("list_indices", READ, "log-platform", "indices/idx-", INTERNAL, 3),
              t("purge_expired_logs", DELETE, "log-platform", "indices/idx-", CONFIDENTIAL, false, Records.BATCH,
                  Money.NONE, 1)))),
      new UnitSpec("people", "People & HR", "hr", 60, "EUR", List.of(
          arch("onboarding-assistant", "Prepares accounts, training and welcome packs for new hires", Kind.TOP,
              Rhythm.BUSINESS, MIN, 1.0, 3, 2700, 200, 900, 0.93, List.of(),
              t("get_new_hire", READ, "hris", "employees/E-", PII, 5).behalf(Behalf.EMPLOYEE),
              t("create_accounts", CREATE, "iam", "users/U-", CONFIDENTIAL, 2).behalf(Behalf.EMPLOYEE),
              t("send_welcome_pack", SEND_MESSAGE, "hr-portal", "messages/M-", INTERNAL, 2),
              t("schedule_training", CREATE, "learning-mgmt", "enrolments/EN-", INTERNAL, 2)),
          arch("cv-screener", "Screens job applications and ranks candidates", Kind.TOP, Rhythm.BUSINESS, HIGH, 0.8, 2, 5600,
              260, 1800, 0.9, List.of(),
              t("read_application", READ, "ats", "applications/APP-", PII, 5),
              t("score_candidate", UPDATE, "ats", "applications/APP-", PII, 2).reg("eu_ai_act_high_risk", "gdpr"),
              t("send_rejection", SEND_MESSAGE, "email-gateway", "messages/MSG-", PII, false, Records.ONE, Money.NONE,
                  0.5)),
          arch("benefits-helpdesk", "Answers employees' benefits questions", Kind.TOP, Rhythm.EXTENDED, MIN, 0.9, 3, 3100,
              210, 1000, 0.92, List.of(),
              t("lookup_benefits", READ, "benefits", "members/MBR-", SPECIAL_CATEGORY, 1.5).behalf(Behalf.EMPLOYEE),
              t("answer_question", SEND_MESSAGE, "hr-portal", "messages/M-", INTERNAL, 5).behalf(Behalf.EMPLOYEE),
              t("search_policy", READ, "knowledge-base", "policies/POL-", PUBLIC, 4)),
          arch("payroll-validator", "Validates payroll runs before release", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 4400,
              120, 2400, 0.95, List.of(),
              t("read_payroll_run", READ, "payroll", "runs/PR-", PII, true, Records.BATCH, Money.NONE, 3),
              t("flag_payroll_anomaly", CREATE, "ticketing", "tickets/TCK-", INTERNAL, 1)))),
      new UnitSpec("sales-marketing", "Sales & Marketing", "smk", -300, "USD", List.of(
          arch("lead-enricher", "Enriches and qualifies inbound leads", Kind.TOP, Rhythm.BUSINESS, MIN, 1.2, 3, 2500, 150,
              900, 0.9, List.of(),
              t("get_lead", READ, "crm", "leads/LD-", PII, 6),
              t("enrich_from_web", READ, "web-search", "queries/WQ-", PUBLIC, 4),
              t("update_lead", UPDATE, "crm", "leads/LD-", PII, 2)),
          arch("campaign-writer", "Drafts campaign content and schedules sends", Kind.TOP, Rhythm.BUSINESS, LIM, 0.7, 2,
              4200, 900, 2600, 0.88, List.of(),
              t("draft_content", CREATE, "cms", "pages/PG-", PUBLIC, 4),
              t("get_segment", READ, "marketing-automation", "segments/SEG-", PII, true, Records.BATCH, Money.NONE, 2),
              t("schedule_campaign", SEND_MESSAGE, "marketing-automation", "campaigns/CMP-", PII, false, Records.BATCH,
                  Money.NONE, 0.3)),
          arch("pricing-assistant", "Proposes discounts within pricing guardrails", Kind.TOP, Rhythm.BUSINESS, MIN, 0.7, 2,
              2300, 100, 800, 0.91, List.of(),
              t("get_price_list", READ, "pricing", "lists/PL-", CONFIDENTIAL, 5),
              t("propose_discount", UPDATE, "pricing", "quotes/Q-", CONFIDENTIAL, true, Records.ONE, Money.SMALL, 2)),
          arch("social-listener", "Monitors social mentions and replies to simple questions", Kind.TOP, Rhythm.ALWAYS, LIM,
              1.0, 2, 1800, 90, 600, 0.89, List.of(),
              t("search_mentions", READ, "social-api", "mentions/SM-", PUBLIC, 8),
              t("post_reply", SEND_MESSAGE, "social-api", "mentions/SM-", PUBLIC, 0.5)),
          arch("crm-deduplicator", "Finds and merges duplicate contacts", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 3000, 80,
              1900, 0.94, List.of(),
              t("find_duplicates", READ, "crm", "contacts/CON-", PII, true, Records.BATCH, Money.NONE, 2),
              t("merge_contacts", UPDATE, "crm", "contacts/CON-", PII, true, Records.FEW, Money.NONE, 3)))),
      new UnitSpec("supply-chain", "Supply Chain", "scm", 480, "USD", List.of(
          arch("procurement-buyer", "Raises purchase orders with approved suppliers", Kind.TOP, Rhythm.BUSINESS, MIN, 1.0,
              2, 2600, 140, 900, 0.93, List.of(),
              t("get_supplier", READ, "supplier-portal", "suppliers/SUP-", INTERNAL, 4),
              t("create_purchase_order", CREATE, "procurement", "orders/PO-", CONFIDENTIAL, true, Records.ONE, Money.LARGE,
                  2)),
          arch("inventory-balancer", "Rebalances stock between warehouses", Kind.TOP, Rhythm.EXTENDED, MIN, 1.0, 2, 2200, 90,
              700, 0.94, List.of(),
              t("read_stock_levels", READ, "wms", "locations/LOC-", INTERNAL, true, Records.BATCH, Money.NONE, 5),
              t("transfer_stock", UPDATE, "wms", "transfers/TR-", INTERNAL, true, Records.FEW, Money.NONE, 2)),
          arch("shipment-tracker", "Tracks shipments and notifies customers of delays", Kind.TOP, Rhythm.ALWAYS, MIN, 1.0, 2,
              1600, 70, 500, 0.95, List.of(),
              t("track_shipment", READ, "logistics-api", "shipments/SHP-", INTERNAL, 6),
              t("notify_customer", SEND_MESSAGE, "email-gateway", "messages/MSG-", PII, false, Records.ONE, Money.NONE,
                  0.5).behalf(Behalf.CUSTOMER)),
          arch("demand-forecaster", "Forecasts demand from sales history", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 6000,
              300, 3000, 0.9, List.of(),
              t("export_sales_history", EXPORT, "data-warehouse", "tables/sales_", INTERNAL, true, Records.BULK, Money.NONE,
                  1),
              t("write_forecast", UPDATE, "planning", "forecasts/FC-", INTERNAL, true, Records.BATCH, Money.NONE, 2)))),
      new UnitSpec("legal", "Legal", "leg", 0, "EUR", List.of(
          arch("contract-reviewer", "Reviews contracts against the clause playbook", Kind.TOP, Rhythm.BUSINESS, MIN, 1.0, 3,
              7000, 400, 2200, 0.9, List.of(),
              t("get_contract", READ, "contract-repo", "contracts/CT-", CONFIDENTIAL, 6),
              t("annotate_clause", UPDATE, "contract-repo", "contracts/CT-", CONFIDENTIAL, 3),
              t("summarize_contract", OTHER, "llm-workspace", "sessions/S-", CONFIDENTIAL, 3)),
          arch("nda-generator", "Drafts NDAs and sends them for signature", Kind.TOP, Rhythm.BUSINESS, MIN, 0.6, 2, 2500,
              600, 1500, 0.93, List.of(),
              t("draft_nda", CREATE, "dms", "documents/DOC-", CONFIDENTIAL, 3),
              t("send_for_signature", SEND_MESSAGE, "e-signature", "envelopes/ENV-", CONFIDENTIAL, false, Records.ONE,
                  Money.NONE, 1)),
          arch("dsar-handler", "Handles data subject access requests", Kind.TOP, Rhythm.BUSINESS, LIM, 0.4, 3, 3300, 200,
              1700, 0.92, List.of(),
              t("log_request", CREATE, "ticketing", "tickets/TCK-", INTERNAL, 3),
              t("locate_personal_data", READ, "data-lake", "subjects/DS-", PII, true, Records.BATCH, Money.NONE, 2)
                  .reg("gdpr"),
              t("export_subject_data", EXPORT, "dsar-portal", "requests/DSR-", PII, 1).reg("gdpr")))),
      new UnitSpec("data-analytics", "Data & Analytics", "data", -300, "USD", List.of(
          arch("sql-copilot", "Writes and runs analytical SQL for analysts", Kind.TOP, Rhythm.BUSINESS, MIN, 1.3, 3, 5200,
              350, 2000, 0.89, List.of(),
              t("run_query", READ, "data-warehouse", "queries/SQ-", CONFIDENTIAL, true, Records.BATCH, Money.NONE, 6),
              t("explain_query", OTHER, "data-warehouse", "queries/SQ-", INTERNAL, 2)),
          arch("pipeline-operator", "Refreshes tables and runs data-quality checks", Kind.BATCH, Rhythm.ALWAYS, MIN, 0.6, 2,
              1900, 60, 2800, 0.96, List.of(),
              t("refresh_table", UPDATE, "data-lake", "tables/tbl_", INTERNAL, true, Records.BULK, Money.NONE, 4),
              t("run_quality_checks", READ, "data-lake", "tables/tbl_", INTERNAL, true, Records.BATCH, Money.NONE, 3)),
          arch("report-publisher", "Publishes dashboards and scheduled reports", Kind.TOP, Rhythm.BUSINESS, MIN, 0.6, 2,
              2800, 200, 1200, 0.93, List.of(),
              t("publish_dashboard", CREATE, "bi-dashboards", "dashboards/D-", INTERNAL, 3),
              t("export_report", EXPORT, "bi-dashboards", "reports/RPT-", CONFIDENTIAL, true, Records.BATCH, Money.NONE,
                  1)),
          arch("feature-engineer", "Computes ML features nightly", Kind.BATCH, Rhythm.NIGHTLY, MIN, 0.3, 2, 2600, 90, 2500,
              0.95, List.of(),
              t("write_features", UPDATE, "feature-store", "features/F-", CONFIDENTIAL, true, Records.BATCH, Money.NONE,
                  3)))));

  /** Agents staff build and run without registering them. */
  static final List<Archetype> SHADOW = List.of(
      arch("gpt-sheet-helper", "", Kind.TOP, Rhythm.BUSINESS, EuRiskClass.UNCLASSIFIED, 0.6, 2, 1800, 300, 1500, 0.9,
          List.of(),
          t("read_spreadsheet", READ, "gdrive", "files/F-", CONFIDENTIAL, 5),
          t("update_spreadsheet", UPDATE, "gdrive", "files/F-", CONFIDENTIAL, true, Records.FEW, Money.NONE, 2)),
      arch("lead-scraper", "", Kind.TOP, Rhythm.ALWAYS, EuRiskClass.UNCLASSIFIED, 0.8, 2, 1500, 80, 900, 0.86, List.of(),
          t("scrape_profiles", READ, "web-search", "queries/WQ-", PUBLIC, 6),
          t("upsert_contacts", UPDATE, "crm", "contacts/CON-", PII, true, Records.FEW, Money.NONE, 2)),
      arch("auto-responder", "", Kind.TOP, Rhythm.EXTENDED, EuRiskClass.UNCLASSIFIED, 0.6, 2, 2100, 240, 1100, 0.87,
          List.of(),
          t("read_inbox", READ, "email-gateway", "mailboxes/MB-", PII, 4),
          t("send_email", SEND_MESSAGE, "email-gateway", "messages/MSG-", PII, false, Records.ONE, Money.NONE, 2)),
      arch("chat-summarizer", "", Kind.TOP, Rhythm.BUSINESS, EuRiskClass.UNCLASSIFIED, 0.5, 2, 6000, 350, 2400, 0.91,
          List.of(),
          t("read_channel", READ, "chat-ops", "channels/C-", INTERNAL, 6),
          t("post_summary", SEND_MESSAGE, "chat-ops", "channels/C-", INTERNAL, 2)),
      arch("invoice-ocr-script", "", Kind.TOP, Rhythm.BUSINESS, EuRiskClass.UNCLASSIFIED, 0.5, 2, 3000, 150, 1800, 0.88,
          List.of(),
          t("parse_invoice", OTHER, "ocr-service", "jobs/J-", INTERNAL, 4),
          t("create_vendor_bill", CREATE, "accounts-payable", "bills/BL-", CONFIDENTIAL, true, Records.ONE, Money.MEDIUM,
              2)));

  record Model(String provider, String name, String version) {}

  static final List<Model> MODELS = List.of(
      new Model("openai", "gpt-4o", "2024-08-06"),
      new Model("openai", "gpt-4o-mini", "2024-07-18"),
      new Model("openai", "gpt-4.1", "2025-04-14"),
      new Model("anthropic", "claude-3-5-sonnet", "20241022"),
      new Model("anthropic", "claude-3-7-sonnet", "20250219"),
      new Model("anthropic", "claude-3-5-haiku", "20241022"),
      new Model("google", "gemini-2.0-flash", "001"),
      new Model("mistral", "mistral-large", "2411"),
      new Model("meta", "llama-3.1-70b-instruct", "self-hosted-2025.02"));

  /** Hourly activity weights, local time, index = hour. */
  static double[] hourWeights(Rhythm r) {
    double[] w = new double[24];
    for (int h = 0; h < 24; h++) {
      w[h] = switch (r) {
        case BUSINESS -> h < 7 ? 0.02 : h == 7 ? 0.3 : h == 8 ? 0.8 : h <= 11 ? 1.0 : h == 12 ? 0.7 : h <= 16 ? 1.0
            : h == 17 ? 0.6 : h == 18 ? 0.3 : 0.04;
        case EXTENDED -> h < 6 ? 0.05 : h == 6 ? 0.2 : h == 7 ? 0.5 : h <= 20 ? 1.0 : h == 21 ? 0.5 : 0.2;
        case ALWAYS -> h < 7 ? 0.5 : h <= 22 ? 1.0 : 0.7;
        case NIGHTLY -> h == 0 ? 0.1 : h <= 4 ? 1.0 : h == 5 ? 0.3 : 0.01;
      };
    }
    return w;
  }

  /** Day-of-week weights, Monday first. */
  static double[] weekWeights(Rhythm r) {
    return switch (r) {
      case BUSINESS -> new double[] {1, 1.02, 1.02, 1, 0.95, 0.12, 0.08};
      case EXTENDED -> new double[] {1, 1, 1, 1, 1, 0.45, 0.35};
      case ALWAYS -> new double[] {1, 1, 1, 1, 1, 0.85, 0.8};
      case NIGHTLY -> new double[] {1, 1, 1, 1, 1, 0.5, 0.5};
    };
  }
}
