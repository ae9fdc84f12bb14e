"""Solara's address bar link, with a race fixed: a server-side navigation is never undone.

Solara keeps the browser's address and the server's route in step through one widget,
``solara.widgets.Navigator``. When its browser component is created it sends the loaded
page's address to the server. That component can be created after the page's first
widgets are already shown and used: under CPU load a second later. A participant who
types the room code and a name and presses Join within that second has the server move
the route to ``/room/<CODE>?p=<token>`` (``router.push``) first; the component, created
next, then sends ``/room`` back and the server returns to an empty join form, the
browser's address never changing (seen in the room browser test, in most runs on a loaded
machine; widgetti/solara#852 reports the same race for a push from an effect).

``navigator.vue`` is Solara 1.60.3's template with one change in ``created()``: if the
server's location already differs from the loaded address, the browser follows it
(``history.pushState``, as the component's own watcher does) instead of overwriting it.
``follow_server_navigation`` points Solara's widget class at it; ``workshop.app`` calls it
when it is imported, before any page is built. ``tests/test_workshop_rooms.py`` checks that
the template differs from the installed Solara's in that block alone.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).with_name("navigator.vue")


def follow_server_navigation() -> None:
    """Make every Solara ``Navigator`` of this process use the fixed template."""
    import solara.widgets

    solara.widgets.Navigator.template_file = str(TEMPLATE)
