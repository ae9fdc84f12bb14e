"""Pins the Hydra internals ``experiments/overrides.py`` relies on (the pre-check of ``navsim``).

``hydra._internal.utils.get_args_parser`` is private: a Hydra release may rename or
change it without notice. These tests fail on the installed Hydra if it no longer has
the shape the pre-check uses, rather than letting the pre-check go quiet (it returns
nothing for a command line it cannot parse, leaving every check to Hydra).
"""

from __future__ import annotations

import argparse
import inspect

import hydra
import pytest
from hydra._internal import utils as hydra_utils
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.override_parser.types import Override, OverrideType

from experiments import overrides


def test_the_private_args_parser_exists_without_parameters():
    assert overrides.get_args_parser is hydra_utils.get_args_parser
    assert inspect.signature(hydra_utils.get_args_parser).parameters == {}
    parser = hydra_utils.get_args_parser()
    assert isinstance(parser, argparse.ArgumentParser)
    positional = [a for a in parser._actions if a.dest == "overrides"]
    assert len(positional) == 1 and positional[0].nargs == "*", hydra.__version__


def test_the_args_parser_separates_overrides_from_hydras_flags():
    args = ["-m", "months=12", "seed=1,2", "--cfg", "job", "--resolve", "-p", "region"]
    assert hydra_utils.get_args_parser().parse_args(args).overrides == ["months=12", "seed=1,2"]


def test_the_override_grammar_has_what_the_precheck_reads():
    parser = OverridesParser.create()
    sweep, plain, added = parser.parse_overrides(["seed=1,2", "region=agder", "+x.y=3"])
    for o in (sweep, plain, added):
        assert isinstance(o, Override)
    assert (sweep.key_or_group, sweep.type, sweep.package) == ("seed", OverrideType.CHANGE, None)
    assert sweep.is_sweep_override() and list(sweep.sweep_iterator()) == [1, 2]
    assert not plain.is_sweep_override() and plain.value() == "agder"
    assert added.type == OverrideType.ADD


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["-m", "months=12,24", "region=agder", "governance.harmonised_terms=true"],
            [("months", [12, 24]), ("region", ["agder"]), ("governance.harmonised_terms", [True])],
        ),
        # prefixed, packaged, hydra.* keys and interval sweeps are left to Hydra
        (["+a=1", "++b=2", "~c", "d@pkg=1", "hydra.run.dir=x", "seed=interval(0,1)"], []),
        (["seed=range(1,4)"], [("seed", [1, 2, 3])]),
        (["months=[1,"], []),  # Hydra's own syntax error
    ],
)
def test_plain_changes(args, expected):
    assert list(overrides.plain_changes(args)) == expected
