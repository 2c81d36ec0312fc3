"""The sweeps docstring examples run, and the progress bar reports points, rate and ETA."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from sweeps_toy import TOY

import quantherm.sweeps as qs
from quantherm.sweeps import _run


@pytest.mark.parametrize("module", [qs, _run], ids=["package", "sweep"])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_progress_bar_shows_points_rate_and_eta(capsys) -> None:
    qs.sweep(TOY, {"x": np.linspace(0, 1, 20)}, chunk_size=5, progress=True)
    err = capsys.readouterr().err
    assert "sweep toy" in err and "20/20" in err and "pts/s" in err and "eta" in err


def test_no_progress_output_by_default(capsys) -> None:
    qs.sweep(TOY, {"x": [0.0, 1.0]})
    assert capsys.readouterr().err == ""
