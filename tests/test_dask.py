"""The build on a Dask cluster (a LocalCluster of two worker processes) writes the table the local
build writes."""

import os

from events.__main__ import main
from events.build import SEEDS
from events.table import read_table


def test_a_build_on_a_local_dask_cluster_writes_the_same_set_as_the_local_build(tmp_path, capsys):
    local, dask = tmp_path / "local" / "events.csv", tmp_path / "dask" / "events.csv"
    assert main(["build", str(SEEDS), "--out", str(local)]) == 0
    assert main(["build", str(SEEDS), "--out", str(dask), "--engine", "dask", "--workers", "2"]) == 0
    assert "skipped" not in capsys.readouterr().err
    for name in ("events.csv", "extracted.csv", "links.csv", "sources.csv"):
        assert (dask.parent / name).read_bytes() == (local.parent / name).read_bytes(), name
    texts = sorted(p.name for p in (local.parent / "texts").iterdir())
    assert texts and texts == sorted(p.name for p in (dask.parent / "texts").iterdir())


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(SEEDS), "--out", str(tmp_path / "e.csv"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert not (tmp_path / "e.csv").exists()


def test_a_dask_build_runs_its_extraction_on_the_cluster_s_workers(tmp_path):
    """Proof that the documents were read on the cluster, not here: the scheduler's task stream
    holds the extraction tasks, run by the cluster's worker processes."""
    from distributed import Client, LocalCluster, get_task_stream

    out = tmp_path / "events.csv"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        workers = set(client.scheduler_info()["workers"])
        with get_task_stream(client) as stream:
            assert main(["build", str(SEEDS), "--out", str(out), "--engine", "dask",
                         "--scheduler", cluster.scheduler_address]) == 0
        pids = set(client.run(os.getpid).values())
    extraction = [task for task in stream.data if "_extract_files" in str(task["key"])]
    assert extraction, "no extraction task ran on the cluster"
    assert {task["worker"] for task in extraction} <= workers
    assert os.getpid() not in pids and len(pids) == 2
    assert len(read_table(out)) > 50
