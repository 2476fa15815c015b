"""The build on a Dask cluster (a LocalCluster of two worker processes) writes the table the local
build writes."""

from events.__main__ import main
from events.build import SEEDS


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
