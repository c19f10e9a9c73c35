"""The Kubernetes deployment (deploy/kubernetes) says what its README promises.

`helm` is not available offline here, so the chart is not rendered: these tests parse the
values as Helm does (YAML) and check every promise the README makes (the exchange volume, its
permissions, the gradebook secret only for trainers, resource limits, roles, culling, the
formgrader frame), run the hub configuration snippet against stand-in users, and check that
the image installs exactly the project's pinned environment. Schemas (the Kubernetes API for
the manifests, the chart's values.schema.json for the values) are checked in
tests/test_deploy_schemas.py.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

K8S = ROOT / "deploy" / "kubernetes"
PERAN = ROOT / "deploy" / "jupyterhub" / "peran"
LAB_ROLES = ROOT / "jupyter" / "peran"
IMAGE_ROOT = "/opt/asn-workbench"


def load(name: str) -> dict:
    return yaml.safe_load((K8S / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def values() -> dict:
    return load("values.yaml")


def env_of(profile: dict) -> dict:
    return profile["kubespawner_override"]["environment"]


def profiles(values: dict) -> dict[str, dict]:
    return {p["slug"]: p for p in values["singleuser"]["profileList"]}


def memory_bytes(text) -> float:
    """Kubernetes quantity (512M, 1.5G, 2Gi) in bytes."""
    match = re.fullmatch(r"([0-9.]+)\s*([KMGT]i?)?", str(text))
    assert match, text
    unit = match.group(2) or ""
    power = {"K": 1, "M": 2, "G": 3, "T": 4}.get(unit[:1], 0)
    return float(match.group(1)) * (1024 if unit.endswith("i") else 1000) ** power


def test_exchange_is_one_read_write_many_volume_in_every_pod(values):
    """Is the nbgrader exchange a ReadWriteMany claim mounted where nbgrader looks for it?"""
    claim = load("exchange-pvc.yaml")
    assert claim["kind"] == "PersistentVolumeClaim"
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    storage = values["singleuser"]["storage"]
    (volume,) = [v for v in storage["extraVolumes"] if v["name"] == "nbgrader-exchange"]
    assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    (mount,) = [m for m in storage["extraVolumeMounts"] if m["name"] == "nbgrader-exchange"]
    exchange = values["singleuser"]["extraEnv"]["WORKBENCH_EXCHANGE"]
    assert Path(exchange).is_relative_to(mount["mountPath"])
    # Mounted in every user's pod: not only in one profile.
    for profile in values["singleuser"]["profileList"]:
        assert "volumes" not in profile["kubespawner_override"]


def test_exchange_gets_nbgraders_sticky_world_writable_mode(values):
    """Does an init container give the exchange mode 1777 (as on the single server), as root?"""
    (init,) = values["singleuser"]["initContainers"]
    exchange = values["singleuser"]["extraEnv"]["WORKBENCH_EXCHANGE"]
    script = init["command"][-1]
    assert f"chmod 1777 {exchange}" in script
    assert f"mkdir -p {exchange}" in script
    assert init["securityContext"]["runAsUser"] == 0
    mounts = {m["name"]: m["mountPath"] for m in init["volumeMounts"]}
    assert Path(exchange).is_relative_to(mounts["nbgrader-exchange"])
    image = values["singleuser"]["image"]
    assert init["image"] == f"{image['name']}:{image['tag']}"
    # The single server sets the same mode on its exchange.
    hub_config = (ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py").read_text()
    assert "EXCHANGE.chmod(0o1777)" in hub_config


def test_gradebook_url_reaches_trainers_only_from_a_secret(values):
    """Do only trainers' pods get the PostgreSQL URL, and only by reference to a Secret?"""
    assert "WORKBENCH_GRADEBOOK_URL" not in values["singleuser"]["extraEnv"]
    by_slug = profiles(values)
    assert "WORKBENCH_GRADEBOOK_URL" not in env_of(by_slug["peserta"])
    url = env_of(by_slug["pelatih"])["WORKBENCH_GRADEBOOK_URL"]
    assert set(url) == {"valueFrom"}
    assert url["valueFrom"]["secretKeyRef"] == {"name": "asn-workbench-gradebook", "key": "url"}
    readme = (K8S / "README.md").read_text(encoding="utf-8")
    assert "asn-workbench-gradebook" in readme
    assert "WORKBENCH_GRADEBOOK_URL" in (PERAN / "pelatih" / "nbgrader_config.py").read_text()


def test_roles_choose_the_single_servers_role_config(values):
    """Does each profile point JUPYTER_CONFIG_PATH at the role folders the image copies?"""
    by_slug = profiles(values)
    assert set(by_slug) == {"peserta", "pelatih"}
    dockerfile = (K8S / "Dockerfile").read_text(encoding="utf-8")
    assert f"COPY deploy/jupyterhub/peran {IMAGE_ROOT}/peran" in dockerfile
    assert f"COPY jupyter/peran {IMAGE_ROOT}/jupyter/peran" in dockerfile
    for slug, profile in by_slug.items():
        env = env_of(profile)
        assert env["WORKBENCH_ROLE"] == slug
        folders = env["JUPYTER_CONFIG_PATH"].split(":")
        assert folders == [
            f"{IMAGE_ROOT}/peran/{slug}",
            f"{IMAGE_ROOT}/jupyter/peran/{slug}",
            f"{IMAGE_ROOT}/peran/bersama",
        ]
        assert (PERAN / slug).is_dir() and (PERAN / "bersama").is_dir()
        assert (LAB_ROLES / slug / "labconfig" / "page_config.json").is_file()


def test_resources_per_learner_are_set_and_documented(values):
    """Are memory and CPU guaranteed and limited per learner, and does the README say so?"""
    single = values["singleuser"]
    guarantee, limit = single["memory"]["guarantee"], single["memory"]["limit"]
    assert 0 < memory_bytes(guarantee) <= memory_bytes(limit)
    assert 0 < float(single["cpu"]["guarantee"]) <= float(single["cpu"]["limit"])
    trainer = profiles(values)["pelatih"]["kubespawner_override"]
    assert memory_bytes(trainer["mem_guarantee"]) >= memory_bytes(guarantee)
    assert memory_bytes(trainer["mem_limit"]) >= memory_bytes(limit)
    readme = (K8S / "README.md").read_text(encoding="utf-8")
    for number in (guarantee, limit, trainer["mem_guarantee"], trainer["mem_limit"]):
        assert f"`{number}`" in readme, number


def test_idle_servers_are_culled(values):
    """Is the idle culler on, with the single server's timeout?"""
    cull = values["cull"]
    assert cull["enabled"] is True
    assert cull["users"] is False  # the user (and their home volume) stays
    hub_config = (ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py").read_text()
    default = re.search(r'"WORKBENCH_HUB_IDLE_TIMEOUT", "(\d+)"', hub_config).group(1)
    assert cull["timeout"] == int(default)
    assert 0 < cull["every"] < cull["timeout"]


def test_hub_snippet_gives_each_group_its_profile_and_each_user_a_uid(values):
    """Does the hub configuration pick the trainer profile for trainers only, with own uids?"""
    from traitlets.config import Config

    c = Config()
    c.KubeSpawner.profile_list = values["singleuser"]["profileList"]
    exec(compile(values["hub"]["extraConfig"]["asn-workbench"], "extraConfig", "exec"), {"c": c})

    def spawner(user_id: int, *groups: str):
        names = [SimpleNamespace(name=g) for g in groups]
        return SimpleNamespace(user=SimpleNamespace(id=user_id, groups=names))

    chosen = c.KubeSpawner.profile_list
    assert [p["slug"] for p in chosen(spawner(7, "pelatih"))] == ["pelatih"]
    assert [p["slug"] for p in chosen(spawner(8, "peserta"))] == ["peserta"]
    assert [p["slug"] for p in chosen(spawner(9, "peserta", "pelatih"))] == ["pelatih"]
    assert [p["slug"] for p in chosen(spawner(10))] == ["peserta"]
    assert all(p["default"] for p in chosen(spawner(8, "peserta")))
    assert c.KubeSpawner.options_form == ""  # no one-choice form before the server starts
    # Own uid and group per user, never root, never the shared image user.
    uids = {c.KubeSpawner.uid(spawner(i)) for i in (1, 2, 3)}
    assert len(uids) == 3 and min(uids) > 1000
    assert c.KubeSpawner.gid(spawner(5)) == c.KubeSpawner.uid(spawner(5))


def test_sign_on_groups_match_the_profiles(values):
    """May exactly the trainer and learner groups log in, with secrets from a Secret?"""
    auth = values["hub"]["config"]["GenericOAuthenticator"]
    assert next(iter(auth)) == "manage_groups" and auth["manage_groups"] is True
    assert set(auth["allowed_groups"]) == set(profiles(values))
    for name in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET"):
        assert "secretKeyRef" in values["hub"]["extraEnv"][name]["valueFrom"]
    assert "client_secret" not in auth


def test_formgrader_frame_overlay_is_consistent(values):
    """Does the subdomain overlay switch on the frame for the same host it routes?"""
    assert values["singleuser"]["extraEnv"]["WORKBENCH_HUB_SUBDOMAIN_HOST"] == ""
    overlay = load("values-subdomain.yaml")
    host = overlay["singleuser"]["extraEnv"]["WORKBENCH_HUB_SUBDOMAIN_HOST"]
    assert overlay["hub"]["config"]["JupyterHub"]["subdomain_host"] == f"https://{host}"
    assert {host, f"*.{host}"} <= set(overlay["ingress"]["hosts"])
    shared = (PERAN / "bersama" / "jupyter_server_config.py").read_text(encoding="utf-8")
    assert "WORKBENCH_HUB_SUBDOMAIN_HOST" in shared and "frame-ancestors 'self'" in shared


# --- The image -------------------------------------------------------------------------------


def instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) of the Dockerfile, continuation lines joined."""
    text = (K8S / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_image_installs_exactly_the_pinned_project_with_its_hub_extra():
    """Is the only pip install `-c constraints.txt '.[hub]'`, with every package pinned?"""
    steps = instructions()
    runs = " && ".join(args for word, args in steps if word == "RUN")
    installs = [cmd.strip() for cmd in runs.split("&&") if "pip install" in cmd]
    assert len(installs) == 1, installs
    words = shlex.split(installs[0])
    assert words[:2] == ["pip", "install"]
    assert words[words.index("-c") + 1] == "constraints.txt"
    targets = [w for w in words[2:] if not w.startswith("-") and w != "constraints.txt"]
    assert targets == [".[hub]"]
    # Both environment files are copied in before the install.
    copies = [args.split() for word, args in steps if word == "COPY"]
    first_run = next(i for i, (w, a) in enumerate(steps) if w == "RUN" and "pip install" in a)
    copied_before = {
        source for word, args in steps[:first_run] if word == "COPY" for source in args.split()[:-1]
    }
    assert {"pyproject.toml", "constraints.txt", "workbench"} <= copied_before
    # Every COPY source exists in the repository (the build context is its root) and is not
    # left out of the context by the ignore file.
    ignored = {
        line.strip()
        for line in (K8S / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", ".git", "var"} <= ignored
    for parts in copies:
        for source in parts[:-1]:
            assert (ROOT / source).exists(), source
            assert Path(source).parts[0] not in ignored, source
    # Every package the image asks for has an exact pin in constraints.txt.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["hub"]]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version.strip()
    for spec in wanted:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} tidak dipatok di constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (spec, pins[name])


def test_image_python_and_start_command_match_the_deployment(values):
    """Does the image's Python satisfy the project, and start what the values start?"""
    steps = instructions()
    base = next(args for word, args in steps if word == "FROM")
    version = re.match(r"python:(\d+\.\d+)", base).group(1)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(requires).contains(version + ".0")
    cmd = next(args for word, args in steps if word == "CMD")
    assert yaml.safe_load(cmd) == values["singleuser"]["cmd"]
    assert f"COPY deploy/jupyterhub/prepare_home.py {IMAGE_ROOT}/prepare_home.py" in " ".join(
        f"{w} {a}" for w, a in steps
    )
    env = " ".join(args for word, args in steps if word == "ENV")
    assert f"WORKBENCH_HOME={values['singleuser']['extraEnv']['WORKBENCH_HOME']}" in env
    # The Indonesian interface, where tools/setup_env.py puts it.
    assert "etc/jupyter/labconfig/default_setting_overrides.json" in " ".join(
        a for w, a in steps if w == "COPY"
    )
    assert '"etc" / "jupyter" / "labconfig"' in (ROOT / "tools" / "setup_env.py").read_text()
    # pip needs the language pack's package; our lab extension goes where setup_env puts it.
    copies = [a.split() for w, a in steps if w == "COPY"]
    assert ["jupyter/languagepack", "./jupyter/languagepack"] in copies
    assert [
        "jupyter/labextensions/@asn-workbench",
        "/opt/asn-workbench/venv/share/jupyter/labextensions/@asn-workbench",
    ] in [[p for p in c if p != "\\"] for c in copies]
    setup_env = (ROOT / "tools" / "setup_env.py").read_text()
    assert '"share" / "jupyter" / "labextensions" / "@asn-workbench"' in setup_env
