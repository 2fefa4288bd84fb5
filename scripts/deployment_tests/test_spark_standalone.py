"""The nightly pipeline on a Spark standalone cluster (a master and one worker, bound to
127.0.0.1 only) writes the same tables as a local run of the same day."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DAY, agentgov, comparable, export_tables, spark_submit

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def wait_for(log: Path, text: str, process: subprocess.Popen, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(errors="replace"):
            return
        assert process.poll() is None, f"{process.args[1]} exited {process.returncode}:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)
    raise AssertionError(f"no '{text}' in {log} after {seconds} s:\n{log.read_text()[-3000:]}")


def listening_addresses(pid: int) -> set[str]:
    """Local addresses of the TCP sockets a process listens on (from ss)."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines() if f"pid={pid}," in line}


@dataclass
class Cluster:
    url: str
    master_log: Path
    worker_log: Path


@pytest.fixture
def standalone(spark_home, tmp_path):
    """A master and a worker on 127.0.0.1; both are stopped however the test ends."""
    env = {**os.environ, "SPARK_LOCAL_IP": LOOPBACK, "SPARK_SCALA_VERSION": "2.12", "SPARK_HOME": str(spark_home)}
    spark_class = str(spark_home / "bin" / "spark-class")
    port = free_port()
    url = f"spark://{LOOPBACK}:{port}"
    master_log, worker_log = tmp_path / "master.log", tmp_path / "worker.log"
    started = []
    try:
        with master_log.open("w") as out:
            master = subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port", str(port),
                 "--webui-port", str(free_port())], stdout=out, stderr=subprocess.STDOUT, env=env)
        started.append(master)
        wait_for(master_log, "I have been elected leader", master)
        with worker_log.open("w") as out:
            worker = subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", LOOPBACK, "--cores", "2",
                 "--memory", "3g", "--webui-port", str(free_port()), "--work-dir", str(tmp_path / "work")],
                stdout=out, stderr=subprocess.STDOUT, env=env)
        started.append(worker)
        wait_for(worker_log, "Successfully registered with master", worker)
        for process in started:
            addresses = listening_addresses(process.pid)
            assert addresses and addresses <= {LOOPBACK, f"[::ffff:{LOOPBACK}]"}, (process.args[1], addresses)
        yield Cluster(url, master_log, worker_log)
    finally:
        for process in reversed(started):
            process.terminate()
        for process in reversed(started):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_nightly_on_a_standalone_cluster_equals_a_local_run(jar, spark_home, generated, standalone, tmp_path):
    landing = generated / "landing"
    on_cluster, local = tmp_path / "cluster-warehouse", tmp_path / "local-warehouse"

    printed = spark_submit(
        spark_home, jar, standalone.url, "nightly", "--landing", landing, "--date", DAY, "--warehouse", on_cluster,
        cwd=tmp_path,
        conf={"spark.driver.host": LOOPBACK, "spark.driver.bindAddress": LOOPBACK, "spark.executor.memory": "2g",
              "spark.sql.shuffle.partitions": "4"},
    )
    assert f"{DAY} succeeded" in printed and "detect " + DAY in printed, printed
    # the work ran in executors the worker launched, for the application spark-submit named
    assert "Asked to launch executor app-" in standalone.worker_log.read_text()
    assert "Registered app agentgov-deployment-test" in standalone.master_log.read_text()

    agentgov(jar, "nightly", "--landing", landing, "--date", DAY, "--warehouse", local, cwd=tmp_path)

    cluster_tables = export_tables(jar, ["--warehouse", on_cluster], tmp_path / "cluster-export", cwd=tmp_path)
    local_tables = export_tables(jar, ["--warehouse", local], tmp_path / "local-export", cwd=tmp_path)
    assert cluster_tables.keys() == local_tables.keys() and len(local_tables) == 18
    assert len(local_tables["events"]) > 0 and len(local_tables["findings"]) > 0
    for table in sorted(local_tables):
        want, got = comparable(table, local_tables[table]), comparable(table, cluster_tables[table])
        missing, extra = sorted(set(want) - set(got))[:2], sorted(set(got) - set(want))[:2]
        assert got == want, f"{table}: {len(got)} rows on the cluster, {len(want)} local; only local {missing}; only cluster {extra}"
