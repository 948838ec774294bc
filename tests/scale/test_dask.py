"""The cluster path: the same engine over a Dask DataFrame on a LocalCluster of 2 workers gives the results and
the what-if figures of one process, rows in error and their line numbers included."""

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import xladdin  # noqa: E402
import xladdin.dask  # noqa: E402
from xladdin.bursary.synthetic import as_typed, synthetic_applicants  # noqa: E402
from xladdin.whatif import run  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def table():
    frame = synthetic_applicants(3_000, seed=11)
    frame.loc[[5, 1_700, 2_999], "permit"] = "X"                     # rows in error, in three partitions
    frame.loc[2_100, "birth_date"] = "31.02.2004"
    return frame


def test_assess_on_a_cluster_equals_one_process(client, table):
    ddf = dd.from_pandas(table, npartitions=4)
    got = xladdin.dask.assess(ddf, rules="GE-2025").compute().reset_index(drop=True)
    want = xladdin.assess(table, rules="GE-2025")
    assert client.scheduler_info()["workers"] and len(client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert got["eligible"].isna().sum() == 4
    assert "ligne 1702," in got.loc[1_700, "reasons"]                    # the line in the whole table


def test_assess_of_a_typed_frame_on_a_cluster(client, table):
    typed = as_typed(table.drop(index=2_100).reset_index(drop=True))
    got = xladdin.dask.assess(dd.from_pandas(typed, npartitions=3)).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, xladdin.assess(typed), check_dtype=False)


def test_whatif_on_a_cluster_equals_one_process(client, table):
    vary = {"amounts.cap.tertiary": [16_740, 18_000], "amounts.min_bursary": [500, 1_000]}
    got = xladdin.dask.whatif(dd.from_pandas(table, npartitions=5), vary=vary, rules="GE-2025")
    want = run(table, vary, rules="GE-2025", breakdown=False)
    pd.testing.assert_frame_equal(got.scenarios, want.scenarios, check_dtype=False)
    assert (got.rows_read, got.rows_excluded) == (want.rows_read, want.rows_excluded) == (3_000, 4)
    assert got.scenarios["total_cost"].nunique() > 1 and (got.scenarios["median_aid"] > 0).all()
    assert np.isclose(got.scenarios["mean_aid"], want.scenarios["mean_aid"]).all()
