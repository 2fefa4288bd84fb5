"""The catalog is configuration: ingest and a report against an Iceberg JdbcCatalog on a real
PostgreSQL server (scripts/postgres), configured once through spark-submit's properties file (as
the Airflow DAGs do) and once through the command line's --conf."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from urllib.parse import urlparse

import pytest

from conftest import DAY, agentgov, java, run, spark_submit


@pytest.fixture
def database():
    """A fresh database on the test server; its JDBC URL."""
    url = os.environ.get("AGENTGOV_TEST_JDBC_URL")
    assert url, "AGENTGOV_TEST_JDBC_URL is not set: start PostgreSQL with scripts/postgres start (scripts/test does)"
    server = urlparse(url.removeprefix("jdbc:"))
    name = "agentgov_" + uuid.uuid4().hex[:8]
    psql = ["psql", "-h", server.hostname, "-p", str(server.port), "-U", "agentgov", "-v", "ON_ERROR_STOP=1", "-qtA"]
    subprocess.run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {name}"], check=True)
    yield f"jdbc:postgresql://{server.hostname}:{server.port}/{name}", [*psql, "-d", name]
    subprocess.run([*psql, "-d", "postgres", "-c", f"DROP DATABASE {name}"], check=True)


def jdbc_catalog(jdbc_url: str, warehouse) -> dict[str, str]:
    return {
        "spark.sql.catalog.agentgov.catalog-impl": "org.apache.iceberg.jdbc.JdbcCatalog",
        "spark.sql.catalog.agentgov.uri": jdbc_url,
        "spark.sql.catalog.agentgov.jdbc.user": "agentgov",
        "spark.sql.catalog.agentgov.warehouse": warehouse.as_uri(),
    }


def test_ingest_and_report_through_a_jdbc_catalog(jar, spark_home, generated, planned, database, tmp_path):
    jdbc_url, psql = database
    warehouse = tmp_path / "jdbc-warehouse"
    catalog = jdbc_catalog(jdbc_url, warehouse)
    properties = tmp_path / "catalog.properties"
    properties.write_text("".join(f"{k}={v}\n" for k, v in catalog.items()))

    # as an Airflow task submits it: the catalog comes from spark-submit --properties-file
    spark_submit(spark_home, jar, "local[2]", "ingest", "--landing", generated / "landing", "--date", DAY,
                 cwd=tmp_path, properties_file=properties)
    # from the command line: the same catalog as --conf
    conf = [arg for k, v in catalog.items() for arg in ("--conf", f"{k}={v}")]
    listed = json.loads(agentgov(jar, "--json", "tables", "list", *conf, cwd=tmp_path))
    report = agentgov(jar, "report", "ingest", "--from", DAY, "--to", DAY, "--out", tmp_path / "reports", *conf, cwd=tmp_path)

    rows = {t["table"]: t["rows"] for t in listed}
    assert rows["agentgov.lake.events"] == planned["planned"]["stored"]
    assert rows["agentgov.lake.quarantine"] == planned["planned"]["quarantined"]
    assert rows["agentgov.lake.ingest_runs"] == 1
    # the tables are registered in PostgreSQL, with their metadata under the configured warehouse
    registered = run([*psql, "-c", "SELECT table_name || ' ' || metadata_location FROM iceberg_tables "
                      "WHERE catalog_name = 'agentgov' AND table_namespace = 'lake'"], cwd=tmp_path).split("\n")
    registered = dict(line.split(" ", 1) for line in registered if line)
    assert len(registered) == 18 and "events" in registered
    assert all(location.startswith(warehouse.as_uri().replace("file:///", "file:/")) for location in registered.values()), registered
    # and nothing went to the embedded default's ./warehouse
    assert not (tmp_path / "warehouse").exists()
    pdf = tmp_path / "reports" / f"ingest-summary-{DAY}_{DAY}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF"), report


def test_two_ingest_processes_started_at_once_store_the_day_once(jar, generated, planned, database, tmp_path):
    """Two JVMs ingest the same day at the same moment through a catalog whose commits are atomic
    across processes (docs/reliability.md): the writer lock lets one store the day; the other waits
    for it (or starts after it) and finds every file recorded."""
    jdbc_url, _ = database
    conf = [arg for k, v in jdbc_catalog(jdbc_url, tmp_path / "jdbc-warehouse").items() for arg in ("--conf", f"{k}={v}")]
    # a fresh lakehouse: both processes also race to create the namespace and the 18 tables
    command = [java(), "-Xmx2g", "-jar", str(jar), "--json", "--master", "local[1]", "ingest",
               "--landing", str(generated / "landing"), "--date", DAY, *conf]
    racers = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    outcomes = [racer.communicate(timeout=600) for racer in racers]
    for racer, (out, err) in zip(racers, outcomes):
        assert racer.returncode == 0, err[-4000:]
    results = [json.loads(out)[0] for out, _ in outcomes]
    assert sorted(r["status"] for r in results) == ["nothing_new", "succeeded"], results
    stored = next(r for r in results if r["status"] == "succeeded")
    assert stored["eventsStored"] == planned["planned"]["stored"]

    rows = {t["table"]: t["rows"] for t in json.loads(agentgov(jar, "--json", "tables", "list", *conf, cwd=tmp_path))}
    assert rows["agentgov.lake.events"] == planned["planned"]["stored"]
    assert rows["agentgov.lake.quarantine"] == planned["planned"]["quarantined"]
    assert rows["agentgov.lake.ingest_runs"] == 2
