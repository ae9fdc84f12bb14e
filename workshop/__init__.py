"""The workshop app: the Nav partnership in a browser (``navsim-workshop``).

``workshop`` imports ``sim``, the outcome labels of ``experiments.labels`` and the
message catalogue ``messages``; ``sim`` imports nothing from here. The parts:

- ``settings``: what a session can set (region, governance levers, scenario, seed) and
  how that becomes a ``sim.config.ModelConfig``, without Hydra;
- ``session``: one browser session's own model and its same-seed reference run;
- ``plots``: the live plots and the two network pictures (matplotlib, PNG);
- ``cards``: the scenario cards of ``docs/workshop/`` as data (``workshop/cards/``);
- ``labels``: every user-facing text, as keys to messages of the catalogue (bokmål by
  default, and English);
- ``room``, ``room_app``, ``room_labels``, ``room_plots``: the role-play rooms (a shared
  model per room, roles deciding through ``sim.decisions``, rounds, the debrief);
- ``limits``: culling dropped sessions, the session cap, the facilitator code;
- ``app``: the Solara pages (``/`` the sandbox, ``/room`` the rooms); ``cli``: the
  ``navsim-workshop`` command.
"""
