"""dag.test() of agentgov_nightly for one generated day: real Airflow 3 runs each step as a
spark-submit of the agentgov jar (master local[2]), and the tables hold what the day planned."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from conftest import DAGS, DAY, export_tables, run


def test_nightly_dag_ingests_and_derives_one_generated_day(jar, spark_home, generated, planned, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse"
    monkeypatch.setenv("AIRFLOW_CONN_AGENTGOV_SPARK", json.dumps({"conn_type": "spark", "host": "local[2]"}))
    monkeypatch.setenv("AIRFLOW_VAR_AGENTGOV_JAR", str(jar))
    monkeypatch.setenv("AIRFLOW_VAR_AGENTGOV_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("AIRFLOW_VAR_AGENTGOV_LANDING", str(generated / "landing"))
    run(["airflow", "db", "migrate"], cwd=tmp_path)

    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=str(DAGS)).dags["agentgov_nightly"]
    # the run for landing day DAY starts at 02:00 the day after; its interval starts at 02:00 on DAY
    dag_run = dag.test(logical_date=datetime.fromisoformat(DAY).replace(hour=2, tzinfo=timezone.utc))

    states = {ti.task_id: ti.state for ti in dag_run.get_task_instances()}
    assert states == {t: "success" for t in ("ingest", "features", "baselines", "drift", "detect")}, states
    assert dag_run.state == "success"

    tables = export_tables(jar, ["--warehouse", warehouse], tmp_path / "export", cwd=tmp_path)
    want = planned["planned"]
    (ingest_run,) = tables["ingest_runs"]
    assert ingest_run["landing_date"] == DAY and ingest_run["status"] == "succeeded"
    assert ingest_run["events_stored"] == want["stored"]
    assert ingest_run["duplicates"] == want["duplicate"]
    assert ingest_run["quarantined"] == want["quarantined"]
    assert ingest_run["records_read"] == want["stored"] + want["duplicate"] + want["quarantined"]
    assert len(tables["events"]) == want["stored"]
    assert len(tables["quarantine"]) == want["quarantined"]

    agents_acting = {e["agent_id"] for e in tables["events"] if e["event_date"] == DAY}
    features = tables["agent_daily_features"]
    assert {f["agent_id"] for f in features} == agents_acting and {f["feature_date"] for f in features} == {DAY}
    assert {b["agent_id"] for b in tables["agent_baselines"]} == agents_acting
    # one night of history: every baseline is a cold start, so no drift test may run yet
    assert {b["status"] for b in tables["agent_baselines"]} == {"insufficient_history"}
    assert tables["drift_tests"] == [] and tables["drift_alerts"] == []
    findings = tables["findings"]
    assert findings and {f["detect_date"] for f in findings} == {DAY}
    assert {f["finding_type"] for f in findings} >= {"shadow_agent", "standing_credential"}
