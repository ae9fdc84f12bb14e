"""Every text of the role-play rooms: keys -> messages of the catalogue (``messages``).

Bokmål by default, English switchable, as ``workshop.labels``. The field's own terms
(rådmann, ordfører, fylkesdirektør, Nav-leder) stay Norwegian in English.
"""

from __future__ import annotations

from messages import N_, _

ROOM_UI = {
    "title": N_("navsim: role-play room"),
    "start": N_("Play the partnership together"),
    "join": N_("Join a room"),
    "code": N_("Room code"),
    "your_name": N_("Your name"),
    "join_button": N_("Join"),
    "open_room": N_("Open a room (facilitator)"),
    "open_button": N_("Open the room"),
    "case": N_("Region or case"),
    "round_length": N_("Round length"),
    "year": N_("a year"),
    "quarter": N_("a quarter"),
    "sandbox": N_("Explore the model alone (all levers)"),
    "access_code": N_("Facilitator code"),
    "access_note": N_(
        "This workshop is open on the network: give the facilitator code to open a room or "
        "the sandbox, or a room code to join a room."
    ),
    "wrong_code": N_("Unknown code."),
    "full": N_(
        "The workshop is full: {n} sessions are open. Close a tab you no longer use, or ask "
        "the facilitator."
    ),
    "room": N_("Room"),
    "facilitator": N_("Facilitator"),
    "participants": N_("Participants"),
    "nobody": N_("nobody yet"),
    "pick_role": N_("Pick your role"),
    "no_role": N_("You have no role yet: pick one, or wait for the facilitator."),
    "your_role": N_("Your role"),
    "take_role": N_("Take this role"),
    "assign": N_("Role"),
    "no_role_value": N_("no role"),
    "round": N_("Round"),
    "month": N_("Month"),
    "phase_waiting": N_("Waiting for the facilitator to open the round"),
    "phase_open": N_("Round open: take your decisions"),
    "phase_running": N_("The model is running the round"),
    "phase_paused": N_("Paused"),
    "open_round": N_("Open round"),
    "close_round": N_("Close round and run"),
    "pause": N_("Pause"),
    "resume": N_("Go on"),
    "events": N_("Events"),
    "event_note": N_("An event fires in the first month of the next round."),
    "your_decisions": N_("Your decisions this round"),
    "your_numbers": N_("Your numbers"),
    "you": N_("you"),
    "model_rule": N_("model's rule"),
    "decisions_by_round": N_("Decisions by role and round"),
    "decision_log": N_("Decision log"),
    "debrief": N_("Debrief: the room against the model's own rules"),
    "band_note": N_(
        "Band: the same region and events decided by the model's own rules, {n} seeds (min to "
        "max; line: median). Solid: the room."
    ),
    "show_band": N_("Show the band"),
    "export": N_("Export for the debrief (CSV and PNG)"),
    "download": N_("Download (zip)"),
    "rule": N_("the model decides"),
    "yes": N_("yes"),
    "no": N_("no"),
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    "areas_hint": N_("Pick {n} areas (or let the model decide)."),
    "focus": N_("Focus on some offices"),
    "focus_hint": N_(
        "The offices you focus on (the others get less of your attention; your total "
        "attention stays the same)."
    ),
    "finished": N_("The last month is reached."),
    "error": N_("Not possible now"),
    "free_roles": N_("Free roles (played by the model's rule)"),
    "played_roles": N_("Played roles"),
    "round_time": N_("Last round ran in"),
    "what": N_("What"),
}

# the room's debrief export (workshop.room_export): file names, headers, the summary
ROOM_EXPORT = {
    "decisions": N_("decisions"),
    "rounds": N_("rounds"),
    "band": N_("band"),
    "picture": N_("the room against the model's rules"),
    "role": N_("Role"),
    "decision": N_("Decision"),
    "choice": N_("Choice"),
    "value": N_("Value in the model"),
    "office": N_("Nav office"),
    "room_value": N_("{label}: the room"),
    "rule_value": N_("{label}: the model's rules"),
    "band_room": N_("{label}: the room"),
    "band_min": N_("{label}: the model's rules, lowest"),
    "band_median": N_("{label}: the model's rules, median"),
    "band_max": N_("{label}: the model's rules, highest"),
    "rounds_played": N_("Rounds played"),
    "table_caption": N_("The room against the model's own rules in month {month}"),
    "the_room": N_("The room"),
    "rule_median": N_("The model's rules (median)"),
    "rule_range": N_("Range of the model's rules"),
    "inside": N_("Inside the range"),
    "readme_decisions": N_("every decision a played role took, month by month"),
    "readme_rounds": N_("each round: the choices of the played roles and the outcomes"),
    "readme_band": N_("every month: the room beside the band of the model's own rules"),
}

# RoomError keys (workshop.room) -> what a participant reads after "Not possible now"
ROOM_ERRORS = {
    "bad_choice": N_("that choice is not on offer."),
    "finished": N_("the last month is reached."),
    "no_role": N_("take a role first."),
    "not_your_decision": N_("another role takes this decision."),
    "paused": N_("the facilitator has paused the room."),
    "room_full": N_("the room is full."),
    "round_closed": N_("the round is closed; wait for the next one."),
    "round_length": N_("choose a year or a quarter."),
    "round_not_open": N_("no round is open."),
    "too_many_rooms": N_("the server holds as many rooms as it can."),
    "unknown_event": N_("the facilitator cannot inject that event."),
    "unknown_participant": N_("this link is no longer valid; join again with the room code."),
    "unknown_role": N_("that role is taken or does not exist."),
    "unknown_room": N_("unknown room code."),
}

ROLE_KINDS = {
    "radmann": N_("rådmann of {name}"),
    "ordforer": N_("ordfører of {name}"),
    "fylkesdirektor": N_("fylkesdirektør (county {name})"),
    "navleder": N_("Nav-leder of Nav {name}"),
}

# the kinds alone (the role picker's first step)
KIND_NAMES = {
    "radmann": N_("rådmann"),
    "ordforer": N_("ordfører"),
    "fylkesdirektor": N_("fylkesdirektør"),
    "navleder": N_("Nav-leder"),
}

DECISIONS = {
    "attend": N_("Attend the partnership meetings"),
    "detail_steer": N_("Steer the office in detail at the results review"),
    "target_group": N_("Agree a shared target group at a meeting"),
    "leader_agreement": N_("Sign a leader agreement (lederavtale)"),
    "joint_plan": N_("Sign the joint plan in January"),
    "cost_key": N_("Host office: a joint cost pool (yes) or krone for krone (no)"),
    "vote": N_("The council's vote on a host office or merger: join"),
    "agenda": N_("How strongly you set the partnership's agenda"),
    "areas": N_("The development areas you work on"),
    "attention": N_("Your attention: divided equally among your offices, or focused on some"),
}

NUMBERS = {
    "rad_trust": N_("your trust in the partnership"),
    "rad_trust_leader": N_("your trust in the Nav-leder"),
    "rad_satisfaction": N_("your satisfaction"),
    "rad_attended": N_("share of recent meetings you attended"),
    "rad_influence": N_("your influence as you see it"),
    "ord_trust": N_("your trust in the partnership"),
    "ord_satisfaction": N_("your satisfaction"),
    "ord_attention": N_("your attention to the office"),
    "ord_influence": N_("your influence as you see it"),
    "ord_dominance": N_("the state's dominance as you see it"),
    "leader_agreement": N_("leader agreement signed (1 = yes)"),
    "joint_plan": N_("joint plan this year (1 = yes)"),
    "detail_steered": N_("office steered in detail this quarter (1 = yes)"),
    "n_munis": N_("municipalities in your Nav office"),
    "n_users": N_("users in follow-up"),
    "n_waiting": N_("users waiting"),
    "trust_cd": N_("your trust in the partnerships (mean)"),
    "trust_leader_state": N_("the state's trust in the leaders (mean)"),
    "detail_steered_share": N_("share of your offices steered in detail"),
    "results_ratio_min": N_("weakest office's results (1 = county mean)"),
    "n_offices": N_("offices you own"),
    "attention_max": N_("your attention to an office, highest (0-1)"),
    "attention_min": N_("your attention to an office, lowest (0-1)"),
    "agenda": N_("your office's agenda strength"),
    "leader_dev_capacity": N_("your hours left for development"),
    "areas_mean": N_("state of the leaders' development areas (mean)"),
    "gate": N_("your gate on cooperation"),
    "results_ratio": N_("your results (1 = county mean)"),
}

EVENT_LABELS = {
    "plant_closure": N_("Plant closure"),
    "refugee_inflow": N_("Refugee inflow"),
    "host_office": N_("Nav fylke proposes a host office"),
}


def room_ui(key: str, lang: str = "nb", **fields: object) -> str:
    """A room text in ``lang`` (``fields`` fill its ``{placeholders}``)."""
    text = _(ROOM_UI[key], lang)
    return text.format(**fields) if fields else text


def room_error(error: Exception, lang: str = "nb") -> str:
    """A ``RoomError`` as a participant reads it (its key is never shown)."""
    key = str(error.args[0]) if error.args else ""
    reason = _(ROOM_ERRORS[key], lang) if key in ROOM_ERRORS else ""
    return f"{_(ROOM_UI['error'], lang)}: {reason}" if reason else _(ROOM_UI["error"], lang)


def role_label(kind: str, name: str, lang: str = "nb") -> str:
    """A role's name, e.g. "rådmann i Arendal"."""
    return _(ROLE_KINDS[kind], lang).format(name=name)


def kind_label(kind: str, lang: str = "nb") -> str:
    """A role kind's name, e.g. "ordfører"."""
    return _(KIND_NAMES[kind], lang)


def decision_label(decision: str, lang: str = "nb") -> str:
    """The question a decision asks of its role."""
    return _(DECISIONS[decision], lang)


def number_label(key: str, lang: str = "nb") -> str:
    """The label of a number in a role's view."""
    return _(NUMBERS[key], lang)


def event_label(kind: str, lang: str = "nb") -> str:
    """The label of an event the facilitator can inject."""
    return _(EVENT_LABELS[kind], lang)


def room_export_text(key: str, lang: str = "nb", **fields: object) -> str:
    """A text of a room's debrief export (``fields`` fill its ``{placeholders}``)."""
    text = _(ROOM_EXPORT[key], lang)
    return text.format(**fields) if fields else text
