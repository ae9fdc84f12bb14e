"""The pattern suite (``navsim-validate``): the reports' stylized facts as tested patterns.

Pattern-oriented modelling (Grimm et al. 2005): the model is trusted as far as it
reproduces many observed patterns at once. The tolerances were written and committed
before the calibration of ``docs/calibration.md`` was run. A pilot run of a first draft
came before that commit: it redefined two measures (said in their ``why``) and moved
four facts the model does not reproduce out of the gating set (``gating=False``).

Modules:

- ``runs``: the named runs, the measures computed from each (the only module that
  reads the model's state) and ``run_all`` over the local process pool;
- ``suite``: ``Pattern`` and ``Result``, the measures' combinators, the pass rule,
  the table and its totals;
- ``owners``, ``leaders``, ``staff``, ``cooperation``, ``users``, ``reorganisation``,
  ``structure``, ``totals``: the catalogue, one file per area, each pattern declared with keyword
  arguments (source with lines, kind, measure, test and tolerance, and why);
- ``catalogue``: the areas' patterns in table order;
- ``docs``: ``docs/validation.md`` and the patterns table of ``docs/ODD.md`` element 1;
- ``cli``: the ``navsim-validate`` command.
"""
