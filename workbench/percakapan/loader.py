"""Reading and checking conversation scenario files (``scenarios/percakapan/*.yaml``).

A scenario is a YAML file a trainer writes (format: ``scenarios/percakapan/README.md``). It is
read through :mod:`workbench.yamlfile` (safe, times stay text) and checked whole before anyone
plays it; every problem is listed at once, each naming the file, its line and the node:

* every key is one the format knows (a misspelt ``pilhan`` is named, with the likely key);
* every node is reachable from ``mulai``; no path loops (a loop is a path that never ends);
* every choice leads to a node or an ending that exists (no choice leads nowhere), and every
  node offers at least one choice without a condition, so no path gets stuck;
* every state variable and promise a choice, condition or limit names is defined, with a
  value of the right kind;
* every behaviour is in the observer rubric and every cited rule in ``dasar.yaml``;
* every text is Indonesian (:mod:`workbench.percakapan.language`);
* playing every path the rules allow (:func:`workbench.percakapan.play.walk`) reaches every
  ending, so no ending is dead text.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from workbench import yamlfile
from workbench.config import Settings
from workbench.errors import Problem, WorkbenchError
from workbench.percakapan import play
from workbench.percakapan.language import language_problem
from workbench.percakapan.model import (
    MODES,
    RESULTS,
    ROLES,
    Choice,
    Clause,
    Ending,
    Node,
    Promise,
    Route,
    Scenario,
    TriadBriefs,
    Variable,
    parse_condition,
)
from workbench.percakapan.rubric import (
    RUBRIC_FILE,
    SOURCES_FILE,
    Rubric,
    Source,
    load_rubric,
    load_sources,
    scenario_folder,
)

__all__ = [
    "CITIZEN_HEADINGS",
    "OFFICER_HEADINGS",
    "load_all",
    "load_scenario",
    "scenario_from_dict",
    "scenario_names",
]

_TOP = (
    "judul",
    "ringkasan",
    "mode",
    "kompetensi",
    "unsur_skm",
    "tema_saran",
    "dasar",
    "tokoh",
    "perilaku",
    "keadaan",
    "janji",
    "mulai",
    "batas",
    "simpul",
    "akhir",
    "bertiga",
)
_NODE = ("suasana", "ucapan", "pilihan")
_CHOICE = ("kata", "ubah", "janji", "tampak", "luput", "catatan", "syarat", "ke")
_ENDING = ("judul", "hasil", "penjelasan", "dasar")
_VARIABLE = ("label", "awal", "min", "maks")
_TRIAD = ("durasi_menit", "peran", "warga", "petugas", "pengamat", "diskusi")

#: Headings of the citizen's private brief, in the order the page shows them.
CITIZEN_HEADINGS = {
    "siapa": "Siapa Anda",
    "suasana_hati": "Suasana hati Anda",
    "pembuka": "Kalimat pembuka Anda",
    "kebutuhan_tersembunyi": "Yang sebenarnya Anda butuhkan (jangan langsung diungkapkan)",
    "menenangkan": "Yang membuat Anda lebih tenang",
    "memancing": "Yang membuat Anda makin kesal",
}
#: Headings of the officer's brief: only what a real officer would know.
OFFICER_HEADINGS = {
    "situasi": "Situasi",
    "diketahui": "Yang Anda ketahui",
    "tugas": "Tugas Anda",
}
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ELEMENT = re.compile(r"^U[1-9]$")


def _marks(text: str) -> dict[tuple, int]:
    """Line numbers (1-based) of every mapping key and list item, by path, for messages."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple, int] = {}
    stack: list[tuple[tuple, yaml.Node]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                sub = (*path, str(key_node.value))
                lines.setdefault(sub, key_node.start_mark.line + 1)
                stack.append((sub, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*path, i)
                lines.setdefault(sub, item.start_mark.line + 1)
                stack.append((sub, item))
    return lines


def _place(where: tuple) -> str:
    """A path in the file as a reader names it: "simpul 'sambut', pilihan 2, ke"."""
    parts: list[str] = []
    items = list(where)
    i = 0
    while i < len(items):
        part = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if part in ("simpul", "akhir", "keadaan", "janji") and isinstance(nxt, str):
            parts.append(f"{part} '{nxt}'")
            i += 2
            continue
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]} {part + 1}" if parts else f"nomor {part + 1}"]
        else:
            parts.append(str(part))
        i += 1
    return ", ".join(parts)


class _Reader:
    """Collects the problems of one file, each with its line and place in the file."""

    def __init__(self, file: str, lines: Mapping[tuple, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, where: tuple) -> int | None:
        for end in range(len(where), 0, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]]
        return None

    def add(self, where: tuple, message: str, *, value=None, expected: str | None = None) -> None:
        place = _place(where)
        text = f"{place}: {message}" if place else message
        self.problems.append(
            Problem(text, file=self.file, row=self.line(where), value=value, expected=expected)
        )

    def keys(self, raw: Mapping, allowed: tuple[str, ...], where: tuple) -> None:
        for key in raw:
            if str(key) not in allowed:
                near = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"'{near[0]}'" if near else "salah satu dari: " + ", ".join(allowed)
                self.add((*where, str(key)), f"kunci '{key}' tidak dikenal", expected=hint)

    def text(self, value, where: tuple, *, required: bool = True) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(where, "teks wajib diisi")
            return ""
        if not isinstance(value, str):
            self.add(where, "harus berupa teks", value=value)
            return ""
        why = language_problem(value)
        if why:
            self.add(where, why, value=value[:80])
        return " ".join(value.split())

    def texts(self, value, where: tuple) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value] if value is not None else []
        return tuple(t for i, v in enumerate(items) if (t := self.text(v, (*where, i))))

    def mapping(self, value, where: tuple, *, required: bool = True) -> dict:
        if isinstance(value, dict):
            return value
        if value is not None or required:
            self.add(where, "harus berisi bagian bertingkat (kunci: nilai)", value=value)
        return {}

    def condition(self, value, where: tuple, known: Mapping[str, bool]) -> tuple[Clause, ...]:
        try:
            clauses = parse_condition(value)
        except ValueError as exc:
            self.add(where, str(exc), value=value)
            return ()
        for clause in clauses:
            if clause.variable not in known:
                self.add(
                    where,
                    f"syarat memakai '{clause.variable}' yang tidak didefinisikan",
                    expected="variabel di 'keadaan' atau janji di 'janji'",
                )
            elif known[clause.variable] != isinstance(clause.value, bool):
                kind = "ya/tidak" if known[clause.variable] else "angka"
                self.add(
                    where,
                    f"'{clause.variable}' dibandingkan dengan nilai yang salah jenis",
                    value=str(clause),
                    expected=kind,
                )
        return clauses


# ---------------------------------------------------------------- parts of a scenario


def _flag(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("ya", "tidak"):
        return value.strip().lower() == "ya"
    return None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _variables(raw, r: _Reader) -> dict[str, Variable]:
    out = {}
    for key, spec in r.mapping(raw, ("keadaan",)).items():
        where = ("keadaan", str(key))
        spec = r.mapping(spec, where)
        r.keys(spec, _VARIABLE, where)
        if not _KEY.match(str(key)):
            r.add(where, "nama variabel harus huruf kecil, angka dan garis bawah", value=key)
        label = r.text(spec.get("label"), (*where, "label"))
        initial = _flag(spec.get("awal"))
        if initial is None:
            initial = _number(spec.get("awal"))
        if initial is None:
            r.add((*where, "awal"), "nilai awal harus angka atau ya/tidak", value=spec.get("awal"))
            continue
        low, high = _number(spec.get("min")), _number(spec.get("maks"))
        if not isinstance(initial, bool) and (
            (low is not None and initial < low) or (high is not None and initial > high)
        ):
            r.add((*where, "awal"), "nilai awal di luar rentang min–maks", value=initial)
        out[str(key)] = Variable(str(key), label, initial, low, high)
    return out


def _promises(raw, r: _Reader) -> dict[str, Promise]:
    out = {}
    for key, spec in r.mapping(raw, ("janji",), required=False).items():
        where = ("janji", str(key))
        spec = r.mapping(spec, where)
        r.keys(spec, ("teks", "wajar"), where)
        fair = _flag(spec.get("wajar"))
        if fair is None:
            r.add(
                (*where, "wajar"),
                "tulis 'ya' bila janji ini bisa dipegang kantor, 'tidak' bila tidak",
                value=spec.get("wajar"),
            )
        out[str(key)] = Promise(str(key), r.text(spec.get("teks"), (*where, "teks")), bool(fair))
    return out


def _competencies(raw, r: _Reader) -> tuple[tuple[str, int], ...]:
    out = []
    for name, level in r.mapping(raw, ("kompetensi",)).items():
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            r.add(("kompetensi", str(name)), "level harus bilangan bulat 1–5", value=level)
            continue
        out.append((str(name), int(level)))
    if not out:
        r.add(("kompetensi",), "sebutkan paling sedikit satu kompetensi yang dilatih")
    return tuple(out)


def _keys_list(raw) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return tuple(str(v).strip() for v in items if str(v).strip())


def _header(raw: dict, r: _Reader, sources: Mapping[str, Source]) -> dict:
    modes = _keys_list(raw.get("mode"))
    for mode in modes:
        if mode not in MODES:
            r.add(("mode",), "mode tidak dikenal", value=mode, expected=" atau ".join(MODES))
    if not modes:
        r.add(("mode",), "sebutkan mode: sendiri, bertiga, atau keduanya")
    elements = _keys_list(raw.get("unsur_skm"))
    for code in elements:
        if not _ELEMENT.match(code):
            r.add(("unsur_skm",), "kode unsur SKM tidak sah", value=code, expected="U1 sampai U9")
    cited = _keys_list(raw.get("dasar"))
    _check_sources(cited, ("dasar",), sources, r)
    if not cited:
        r.add(("dasar",), "sebutkan aturan atau standar yang menjadi dasar skenario")
    character = r.mapping(raw.get("tokoh"), ("tokoh",))
    r.keys(character, ("nama", "keterangan"), ("tokoh",))
    return {
        "title": r.text(raw.get("judul"), ("judul",)),
        "summary": r.text(raw.get("ringkasan"), ("ringkasan",)),
        "modes": tuple(m for m in modes if m in MODES),
        "competencies": _competencies(raw.get("kompetensi"), r),
        "skm_elements": elements,
        "themes": _keys_list(raw.get("tema_saran")),
        "sources": cited,
        "character": r.text(character.get("nama"), ("tokoh", "nama")),
        "character_note": r.text(character.get("keterangan"), ("tokoh", "keterangan")),
    }


def _check_sources(cited, where: tuple, sources: Mapping[str, Source], r: _Reader) -> None:
    for key in cited:
        if key not in sources:
            near = difflib.get_close_matches(key, list(sources), n=1)
            r.add(
                where,
                f"aturan '{key}' tidak ada di {SOURCES_FILE}",
                expected=f"'{near[0]}'" if near else "kunci yang ada di " + SOURCES_FILE,
            )


def _behaviours(raw, r: _Reader, rubric: Rubric, competencies) -> tuple[str, ...]:
    keys = _keys_list(raw)
    named = {name for name, _ in competencies}
    for key in keys:
        if key not in rubric.behaviours:
            r.add(
                ("perilaku",),
                f"perilaku '{key}' tidak ada di rubrik {RUBRIC_FILE}",
                expected=", ".join(rubric.behaviours),
            )
        elif rubric[key].competency not in named:
            r.add(
                ("perilaku",),
                f"perilaku '{key}' adalah bukti kompetensi "
                f"{rubric[key].competency}, tetapi skenario tidak menyebutnya di 'kompetensi'",
            )
    if not keys:
        r.add(("perilaku",), "sebutkan perilaku rubrik yang diamati dalam skenario ini")
    return keys


class _Context:
    """What a node's choices may refer to: variables, promises, behaviours, targets."""

    def __init__(self, variables, promises, behaviours, targets) -> None:
        self.variables: dict[str, Variable] = variables
        self.promises: dict[str, Promise] = promises
        self.behaviours: tuple[str, ...] = behaviours
        self.targets: set[str] = targets
        self.known = {k: v.is_flag for k, v in variables.items()} | {k: True for k in promises}


def _effects(raw, where: tuple, ctx: _Context, r: _Reader) -> dict[str, float | bool]:
    out: dict[str, float | bool] = {}
    for key, change in r.mapping(raw, where, required=False).items():
        variable = ctx.variables.get(str(key))
        if variable is None:
            r.add((*where, str(key)), f"variabel '{key}' tidak didefinisikan di 'keadaan'")
            continue
        value = _flag(change) if variable.is_flag else _number(change)
        if value is None:
            kind = "ya atau tidak" if variable.is_flag else "angka perubahan, misalnya +10 atau -5"
            r.add((*where, str(key)), "nilai perubahan salah jenis", value=change, expected=kind)
            continue
        out[str(key)] = value
    return out


def _routes(raw, where: tuple, ctx: _Context, r: _Reader) -> tuple[Route, ...]:
    single = isinstance(raw, str)
    if single:
        raw = [{"ke": raw}]
    if not isinstance(raw, list) or not raw:
        r.add(where, "pilihan ini tidak menuju ke mana pun", expected="nama simpul atau akhir")
        return ()
    routes = []
    for i, item in enumerate(raw):
        spot = where if single else (*where, i)
        item = r.mapping(item, spot)
        r.keys(item, ("bila", "ke"), spot)
        goal = str(item.get("ke") or "").strip()
        if goal not in ctx.targets:
            near = difflib.get_close_matches(goal, sorted(ctx.targets), n=1)
            r.add(
                spot,
                f"tujuan '{goal}' tidak ada",
                expected="nama simpul atau akhir yang ada"
                + (f", misalnya '{near[0]}'" if near else ""),
            )
        when = r.condition(item["bila"], spot, ctx.known) if "bila" in item else ()
        routes.append(Route(goal, when))
    if routes and routes[-1].when:
        r.add(
            where, "rute terakhir harus tanpa 'bila' (tujuan bila tidak ada syarat yang terpenuhi)"
        )
    return tuple(routes)


def _choice(raw, where: tuple, ctx: _Context, r: _Reader) -> Choice:
    raw = r.mapping(raw, where)
    r.keys(raw, _CHOICE, where)
    promises = _keys_list(raw.get("janji"))
    for key in promises:
        if key not in ctx.promises:
            r.add((*where, "janji"), f"janji '{key}' tidak didefinisikan di 'janji'")
    shown = _keys_list(raw.get("tampak"))
    missed = _keys_list(raw.get("luput"))
    for key in (*shown, *missed):
        if key not in ctx.behaviours:
            r.add(
                where,
                f"perilaku '{key}' tidak disebut di 'perilaku' skenario ini",
                expected=", ".join(ctx.behaviours),
            )
    note = r.text(raw.get("catatan"), (*where, "catatan"), required=bool(shown or missed))
    return Choice(
        text=r.text(raw.get("kata"), (*where, "kata")),
        routes=_routes(raw.get("ke"), (*where, "ke"), ctx, r),
        effects=_effects(raw.get("ubah"), (*where, "ubah"), ctx, r),
        promises=tuple(k for k in promises if k in ctx.promises),
        shown=shown,
        missed=missed,
        note=note,
        requires=r.condition(raw["syarat"], (*where, "syarat"), ctx.known)
        if "syarat" in raw
        else (),
    )


def _nodes(raw, ctx: _Context, r: _Reader) -> dict[str, Node]:
    out = {}
    for key, spec in raw.items():
        where = ("simpul", str(key))
        spec = r.mapping(spec, where)
        r.keys(spec, _NODE, where)
        scene = r.text(spec.get("suasana"), (*where, "suasana"), required=False)
        speech = r.text(spec.get("ucapan"), (*where, "ucapan"), required=not scene)
        items = spec.get("pilihan")
        if not isinstance(items, list) or not items:
            r.add(
                (*where, "pilihan"),
                "simpul tanpa pilihan: jalur berhenti di sini",
                expected="paling sedikit satu pilihan, atau jadikan bagian 'akhir'",
            )
            items = []
        choices = tuple(_choice(c, (*where, "pilihan", i), ctx, r) for i, c in enumerate(items))
        if choices and all(c.requires for c in choices):
            r.add(
                (*where, "pilihan"),
                "semua pilihan bersyarat: bila tidak ada yang terpenuhi, jalur berhenti",
                expected="paling sedikit satu pilihan tanpa 'syarat'",
            )
        out[str(key)] = Node(str(key), scene, speech, choices, r.line(where))
    return out


def _endings(raw, sources, r: _Reader) -> dict[str, Ending]:
    out = {}
    for key, spec in raw.items():
        where = ("akhir", str(key))
        spec = r.mapping(spec, where)
        r.keys(spec, _ENDING, where)
        result = str(spec.get("hasil") or "").strip()
        if result not in RESULTS:
            r.add(
                (*where, "hasil"), "hasil tidak dikenal", value=result, expected=", ".join(RESULTS)
            )
        cited = _keys_list(spec.get("dasar"))
        _check_sources(cited, (*where, "dasar"), sources, r)
        out[str(key)] = Ending(
            str(key),
            r.text(spec.get("judul"), (*where, "judul")),
            result,
            r.text(spec.get("penjelasan"), (*where, "penjelasan")),
            cited,
            r.line(where),
        )
    return out


def _limits(raw, ctx: _Context, endings, r: _Reader) -> tuple[Route, ...]:
    items = raw if isinstance(raw, list) else [] if raw is None else None
    if items is None:
        r.add(("batas",), "harus berupa daftar '- bila: ..., ke: ...'")
        return ()
    out = []
    for i, item in enumerate(items):
        where = ("batas", i)
        item = r.mapping(item, where)
        r.keys(item, ("bila", "ke"), where)
        goal = str(item.get("ke") or "").strip()
        if goal not in endings:
            r.add(
                where,
                f"batas harus menuju salah satu akhir; '{goal}' bukan akhir",
                expected=", ".join(endings),
            )
        if "bila" not in item:
            r.add(where, "batas tanpa 'bila'")
            continue
        out.append(Route(goal, r.condition(item["bila"], where, ctx.known)))
    return tuple(out)


def _brief(raw, where: tuple, headings: Mapping[str, str], r: _Reader) -> dict:
    raw = r.mapping(raw, where)
    r.keys(raw, tuple(headings), where)
    out: dict[str, str | tuple[str, ...]] = {}
    for key in headings:
        if key not in raw:
            continue
        value = raw[key]
        out[key] = (
            r.texts(value, (*where, key))
            if isinstance(value, list)
            else r.text(value, (*where, key))
        )
    return out


def _triad(raw, r: _Reader) -> TriadBriefs | None:
    if raw is None:
        r.add(
            ("bertiga",), "mode 'bertiga' butuh bagian 'bertiga' (bekal warga, petugas, pengamat)"
        )
        return None
    raw = r.mapping(raw, ("bertiga",))
    r.keys(raw, _TRIAD, ("bertiga",))
    minutes = raw.get("durasi_menit", 7)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 2 <= minutes <= 30:
        r.add(("bertiga", "durasi_menit"), "durasi harus 2–30 menit", value=minutes)
        minutes = 7
    names = r.mapping(raw.get("peran"), ("bertiga", "peran"), required=False)
    r.keys(names, ROLES, ("bertiga", "peran"))
    role_names = {
        role: r.text(names.get(role), ("bertiga", "peran", role), required=False)
        or role.capitalize()
        for role in ROLES
    }
    citizen = _brief(raw.get("warga"), ("bertiga", "warga"), CITIZEN_HEADINGS, r)
    for needed in ("siapa", "suasana_hati", "kebutuhan_tersembunyi"):
        if needed not in citizen:
            r.add(("bertiga", "warga"), f"bekal warga butuh '{needed}'")
    officer = _brief(raw.get("petugas"), ("bertiga", "petugas"), OFFICER_HEADINGS, r)
    if "situasi" not in officer:
        r.add(("bertiga", "petugas"), "bekal petugas butuh 'situasi'")
    watch = r.mapping(raw.get("pengamat"), ("bertiga", "pengamat"), required=False)
    r.keys(watch, ("perhatikan",), ("bertiga", "pengamat"))
    prompts = r.texts(raw.get("diskusi"), ("bertiga", "diskusi"))
    if not prompts:
        r.add(("bertiga", "diskusi"), "tulis paling sedikit satu pertanyaan diskusi")
    return TriadBriefs(
        int(minutes),
        role_names,
        citizen,
        officer,
        r.texts(watch.get("perhatikan"), ("bertiga", "pengamat", "perhatikan")),
        prompts,
    )


# ---------------------------------------------------------------- the graph


def _check_graph(scenario: Scenario, r: _Reader) -> bool:
    """Reachability from the start and no loops; True when paths can be walked."""
    edges = {
        key: {route.target for c in node.choices for route in c.routes}
        | {limit.target for limit in scenario.limits}
        for key, node in scenario.nodes.items()
    }
    seen, stack = {scenario.start}, [scenario.start]
    while stack:
        for goal in edges.get(stack.pop(), ()):
            if goal not in seen:
                seen.add(goal)
                stack.append(goal)
    for key in [*scenario.nodes, *scenario.endings]:
        if key not in seen:
            kind = "simpul" if key in scenario.nodes else "akhir"
            r.add(
                (kind, key),
                f"tidak pernah tercapai dari awal ('mulai: {scenario.start}')",
                expected="pilihan lain yang menuju ke sini, atau hapus bagian ini",
            )
    loop = _find_loop(edges)
    if loop:
        r.add(
            ("simpul", loop[0]),
            "jalur berputar: " + " → ".join(loop) + "; jalur seperti ini tidak pernah berakhir",
            expected="buat simpul baru untuk mengulang",
        )
    return not loop


def _find_loop(edges: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle among the nodes, as the list of nodes it passes (first repeated at the end)."""
    colour: dict[str, int] = {}
    for root in edges:
        if colour.get(root):
            continue
        trail: list[str] = []
        stack: list[tuple[str, list[str]]] = [(root, sorted(edges[root] & edges.keys()))]
        colour[root] = 1
        trail.append(root)
        while stack:
            key, todo = stack[-1]
            if not todo:
                stack.pop()
                colour[key] = 2
                trail.pop()
                continue
            goal = todo.pop()
            if colour.get(goal) == 1:
                return [*trail[trail.index(goal) :], goal]
            if not colour.get(goal):
                colour[goal] = 1
                trail.append(goal)
                stack.append((goal, sorted(edges[goal] & edges.keys())))
    return None


def _check_paths(scenario: Scenario, r: _Reader) -> None:
    """Walk every path: each ending must be reached by some path the rules allow."""
    reached: set[str] = set()
    try:
        for path in play.walk(scenario):
            reached.add(path.ending)
    except OverflowError:
        r.add((), f"lebih dari {play.MAX_PATHS} jalur; pecah skenario ini menjadi dua")
        return
    for key in scenario.endings:
        if key not in reached:
            r.add(
                ("akhir", key),
                "tidak ada jalur yang sampai ke sini (syarat di jalannya tidak pernah terpenuhi)",
                expected=f"periksa 'bila' yang menuju '{key}'",
            )


# ---------------------------------------------------------------- loading


def scenario_from_dict(
    raw,
    *,
    key: str,
    file: str,
    rubric: Rubric,
    sources: Mapping[str, Source],
    lines: Mapping[tuple, int] | None = None,
) -> Scenario:
    """A checked :class:`Scenario` from the mapping a YAML file holds (also a stored copy)."""
    r = _Reader(file, lines or {})
    if not isinstance(raw, dict):
        raise WorkbenchError(
            f"Skenario {file} harus berisi bagian bertingkat (judul, simpul, ...)."
        )
    r.keys(raw, _TOP, ())
    head = _header(raw, r, sources)
    behaviours = _behaviours(raw.get("perilaku"), r, rubric, head["competencies"])
    variables = _variables(raw.get("keadaan"), r)
    promises = _promises(raw.get("janji"), r)
    solo = "sendiri" in head["modes"] or "simpul" in raw
    nodes_raw = r.mapping(raw.get("simpul"), ("simpul",), required=solo)
    endings = _endings(r.mapping(raw.get("akhir"), ("akhir",), required=solo), sources, r)
    ctx = _Context(variables, promises, behaviours, set(nodes_raw) | set(endings))
    start = str(raw.get("mulai") or "").strip()
    if "bertiga" in raw and "bertiga" not in head["modes"]:
        r.add(("bertiga",), "ada bagian 'bertiga' tetapi 'mode' tidak menyebut bertiga")
    if solo and start not in nodes_raw:
        r.add(("mulai",), f"simpul awal '{start}' tidak ada", expected="nama salah satu simpul")
    scenario = Scenario(
        key=key,
        file=file,
        **head,
        behaviours=behaviours,
        variables=variables,
        promises=promises,
        start=start,
        nodes=_nodes(nodes_raw, ctx, r),
        endings=endings,
        limits=_limits(raw.get("batas"), ctx, endings, r),
        triad=_triad(raw.get("bertiga"), r) if "bertiga" in head["modes"] else None,
        raw=raw,
    )
    if solo and not r.problems and _check_graph(scenario, r) and not r.problems:
        _check_paths(scenario, r)
    if r.problems:
        raise WorkbenchError(
            f"Skenario percakapan {file} berisi {len(r.problems)} masalah. Perbaiki berkasnya "
            "lalu muat ulang.",
            r.problems,
        )
    return scenario


def _locate(name: str | os.PathLike, folder: Path) -> Path:
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    candidate = folder / f"{Path(name).stem if path.suffix else name}.yaml"
    if candidate.is_file():
        return candidate
    known = scenario_names(folder=folder)
    near = difflib.get_close_matches(str(name), known, n=1)
    raise WorkbenchError(
        f"Skenario percakapan '{name}' tidak ditemukan di {folder}."
        + (f" Mungkin maksudnya '{near[0]}'?" if near else "")
        + (" Yang ada: " + ", ".join(known) + "." if known else "")
    )


def load_scenario(
    name: str | os.PathLike,
    *,
    settings: Settings | None = None,
    rubric: Rubric | None = None,
    sources: Mapping[str, Source] | None = None,
) -> Scenario:
    """The scenario ``name`` (``"wa-tidak-dibalas"``, from the scenarios folder) or a path
    to a YAML file, read and checked (see the module docstring)."""
    folder = scenario_folder(settings)
    path = _locate(name, folder)
    rubric = rubric or load_rubric(settings=settings)
    sources = sources if sources is not None else load_sources(settings=settings)
    raw = yamlfile.load(path, what="Skenario percakapan")
    try:  # only for line numbers in messages; yamlfile has read it safely already
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = None
    return scenario_from_dict(
        raw,
        key=path.stem,
        file=path.name,
        rubric=rubric,
        sources=sources,
        lines=_marks(text) if text is not None else None,
    )


def scenario_names(*, folder: str | os.PathLike | None = None, settings: Settings | None = None):
    """The names of the scenarios in the folder, sorted (the rubric and rule files excluded)."""
    folder = Path(folder) if folder is not None else scenario_folder(settings)
    if not folder.is_dir():
        return []
    skip = {RUBRIC_FILE, SOURCES_FILE}
    return sorted(p.stem for p in folder.glob("*.yaml") if p.name not in skip)


def load_all(*, settings: Settings | None = None) -> dict[str, Scenario]:
    """Every scenario in the folder, checked; one error lists the problems of every file."""
    rubric = load_rubric(settings=settings)
    sources = load_sources(settings=settings)
    out, problems = {}, []
    for name in scenario_names(settings=settings):
        try:
            out[name] = load_scenario(name, settings=settings, rubric=rubric, sources=sources)
        except WorkbenchError as exc:
            problems.extend(exc.problems or [Problem(exc.message, file=f"{name}.yaml")])
    if problems:
        raise WorkbenchError("Ada skenario percakapan yang berisi kesalahan.", problems)
    return out
