"""The city-scale path, checked offline: every Kubernetes file against its schema.

* Every manifest in ``deploy/kubernetes/`` validates against the Kubernetes API schemas of
  each Kubernetes version the README names (``kubernetes-validate`` ships them; strict, so a
  misspelt field is an error, not ignored).
* The pod-spec pieces inside the Helm values (the init container, the extra volumes and mounts,
  environment variables taken from Secrets) validate against the same Kubernetes definitions:
  the chart passes them to Kubernetes unchecked.
* The Zero to JupyterHub values, merged into the chart's defaults as Helm merges them, validate
  against the chart's own ``values.schema.json`` for the chart version the README installs
  (vendored in ``deploy/kubernetes/z2jh-4.4.0``, source in its ``SUMBER.md``).
* The JupyterHub of the workbench image (``constraints.txt``) has the major and minor version of
  the chart's hub, so the hub and every user's server run the same JupyterHub.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import referencing
import yaml
from kubernetes_validate import utils as k8s_utils
from packaging.version import Version

from tests.conftest import ROOT

K8S = ROOT / "deploy" / "kubernetes"
README = K8S / "README.md"
VALUES_FILES = ("values.yaml", "values-subdomain.yaml")


def chart_dir() -> Path:
    (folder,) = K8S.glob("z2jh-*")
    return folder


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def named_versions() -> list[str]:
    """The Kubernetes minor versions the README promises, e.g. ['1.28', ..., '1.37']."""
    text = README.read_text(encoding="utf-8")
    match = re.search(
        r"Versi Kubernetes yang diperiksa: \*\*(\d+)\.(\d+) sampai (\d+)\.(\d+)\*\*", text
    )
    assert match, "README Kubernetes tidak menyebut versi Kubernetes yang diperiksa"
    major, low, major_high, high = map(int, match.groups())
    assert major == major_high == 1 and low <= high
    return [f"1.{minor}" for minor in range(low, high + 1)]


def manifests() -> list[Path]:
    """Every YAML file in deploy/kubernetes that is a Kubernetes object (kind, apiVersion)."""
    return sorted(
        path
        for path in K8S.glob("*.yaml")
        if path.name not in VALUES_FILES and {"kind", "apiVersion"} <= set(load(path) or {})
    )


def test_every_yaml_file_is_checked_by_one_of_the_schema_tests():
    """Is each YAML file in deploy/kubernetes either a manifest or a values file checked here?"""
    names = {path.name for path in K8S.glob("*.yaml")}
    assert names == {p.name for p in manifests()} | set(VALUES_FILES)
    assert "exchange-pvc.yaml" in {p.name for p in manifests()}


def test_named_kubernetes_versions_are_ones_the_chart_supports_and_the_validator_ships():
    """Does the README name versions the chart installs on, each with shipped schemas?"""
    chart = load(chart_dir() / "Chart.yaml")
    minimum = re.match(r">=\s*(\d+\.\d+)", chart["kubeVersion"]).group(1)
    versions = named_versions()
    assert Version(versions[0]) >= Version(minimum), (versions[0], chart["kubeVersion"])
    shipped = {k8s_utils.major_minor(v) for v in k8s_utils.all_versions()}
    assert set(versions) <= shipped, sorted(set(versions) - shipped)


@pytest.mark.parametrize("version", named_versions())
@pytest.mark.parametrize("manifest", manifests(), ids=lambda p: p.name)
def test_manifest_validates_against_the_kubernetes_api_schema(manifest, version):
    """Is the manifest a valid object of the Kubernetes API of this version (strict)?"""
    for document in yaml.safe_load_all(manifest.read_text(encoding="utf-8")):
        k8s_utils.validate(document, version, strict=True)


def test_a_misspelt_manifest_field_is_refused():
    """Would the manifest check catch a typo (the check can fail)?"""
    claim = load(K8S / "exchange-pvc.yaml")
    claim["spec"]["accesModes"] = claim["spec"].pop("accessModes")
    with pytest.raises(k8s_utils.ValidationError):
        k8s_utils.validate(claim, named_versions()[-1], strict=True)


# --- Pod-spec pieces inside the Helm values ---------------------------------------------------


@cache
def kubernetes_definitions(version: str) -> referencing.Registry:
    """The Kubernetes API definitions of ``version`` (strict) as a JSON-schema registry."""
    folder = Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
    matching = [v for v in k8s_utils.all_versions() if v.startswith(version + ".")]
    schema_dir = folder / f"v{matching[-1]}-local-strict"
    definitions = json.loads((schema_dir / "_definitions.json").read_text(encoding="utf-8"))
    return referencing.Resource.from_contents(definitions) @ referencing.Registry()


def check_kubernetes_type(value, type_name: str, version: str) -> None:
    """Validate ``value`` as the Kubernetes type ``type_name`` (e.g. io.k8s.api.core.v1.Volume)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"https://kubernetes.io/api/_definitions.json#/$defs/{type_name}",
    }
    validator = jsonschema.Draft202012Validator(schema, registry=kubernetes_definitions(version))
    validator.validate(value)


def pod_pieces(values: dict) -> list[tuple[str, object, str]]:
    """(where, value, Kubernetes type) of every pod-spec piece the values hand to Kubernetes."""
    core = "io.k8s.api.core.v1."
    single = values["singleuser"]
    pieces = [
        (f"singleuser.initContainers[{i}]", c, core + "Container")
        for i, c in enumerate(single.get("initContainers", []))
    ]
    storage = single.get("storage", {})
    pieces += [
        (f"singleuser.storage.extraVolumes[{i}]", v, core + "Volume")
        for i, v in enumerate(storage.get("extraVolumes", []))
    ]
    pieces += [
        (f"singleuser.storage.extraVolumeMounts[{i}]", m, core + "VolumeMount")
        for i, m in enumerate(storage.get("extraVolumeMounts", []))
    ]
    environments = [("hub.extraEnv", values["hub"].get("extraEnv", {}))]
    environments += [
        (
            f"singleuser.profileList[{p['slug']}].environment",
            p["kubespawner_override"].get("environment", {}),
        )
        for p in single.get("profileList", [])
    ]
    for where, env in environments:
        for name, value in env.items():
            if isinstance(value, dict):  # {valueFrom: ...}: an EnvVar without its name
                pieces.append((f"{where}.{name}", {"name": name, **value}, core + "EnvVar"))
    return pieces


@pytest.mark.parametrize("version", [named_versions()[0], named_versions()[-1]])
def test_pod_spec_pieces_in_the_values_validate_against_kubernetes(version):
    """Are the init container, volumes, mounts and Secret-backed variables valid Kubernetes?"""
    values = load(K8S / "values.yaml")
    pieces = pod_pieces(values)
    kinds = {kind.rsplit(".", 1)[1] for _, _, kind in pieces}
    assert kinds == {"Container", "Volume", "VolumeMount", "EnvVar"}, kinds
    for where, value, kind in pieces:
        try:
            check_kubernetes_type(value, kind, version)
        except jsonschema.ValidationError as err:
            pytest.fail(f"{where} bukan {kind} yang sah (Kubernetes {version}): {err.message}")


def test_a_misspelt_init_container_field_is_refused():
    """Would the pod-spec check catch a typo in the init container (the check can fail)?"""
    values = load(K8S / "values.yaml")
    container = copy.deepcopy(values["singleuser"]["initContainers"][0])
    container["volumeMount"] = container.pop("volumeMounts")
    with pytest.raises(jsonschema.ValidationError):
        check_kubernetes_type(container, "io.k8s.api.core.v1.Container", named_versions()[-1])


# --- The Zero to JupyterHub values against the chart's schema ---------------------------------


def helm_merge(defaults: dict, overrides: dict) -> dict:
    """Merge values as Helm does: maps recursively, anything else replaced, null removes a key."""
    merged = copy.deepcopy(defaults)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def chart_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((chart_dir() / "values.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    return jsonschema.Draft7Validator(schema)


def set_files() -> dict[str, Path]:
    """The README's ``--set-file KEY=PATH`` arguments of the helm install command."""
    text = README.read_text(encoding="utf-8")
    return {key: ROOT / path for key, path in re.findall(r"--set-file (\S+?)=(\S+)", text)}


def with_set_files(values: dict) -> dict:
    """``values`` with each --set-file key set to its file's text, as helm does."""
    values = copy.deepcopy(values)
    for key, path in set_files().items():
        *parents, last = key.split(".")
        target = values
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = path.read_text(encoding="utf-8")
    return values


def chart_values(*files: str) -> dict:
    """The chart's defaults with ``files`` and the README's --set-file arguments merged in."""
    values = load(chart_dir() / "values.yaml")
    for name in files:
        values = helm_merge(values, load(K8S / name))
    return with_set_files(values)


def test_indonesian_pages_reach_the_charts_hub():
    """Does the install command mount each single-server page where the hub looks for them?"""
    pages = ROOT / "deploy" / "jupyterhub" / "templates"
    hub = load(K8S / "values.yaml")["hub"]
    mounts = {name: Path(f["mountPath"]) for name, f in hub["extraFiles"].items()}
    files = set_files()
    assert set(files) == {f"hub.extraFiles.{name}.stringData" for name in mounts}
    for name, mount in mounts.items():
        source = files[f"hub.extraFiles.{name}.stringData"]
        assert source.parent == pages and source.name == mount.name
    assert {p.name for p in pages.glob("*.html")} == {m.name for m in mounts.values()}
    folders = {str(m.parent) for m in mounts.values()}
    assert hub["config"]["JupyterHub"]["template_paths"] == sorted(folders)


def test_helm_merge_follows_helms_rules():
    """Do maps merge, lists get replaced and null remove a key, as in Helm?"""
    merged = helm_merge({"a": {"b": 1, "c": [1, 2]}, "d": 3}, {"a": {"c": [9]}, "d": None})
    assert merged == {"a": {"b": 1, "c": [9]}}


@pytest.mark.parametrize(
    "files", [("values.yaml",), ("values.yaml", "values-subdomain.yaml")], ids=" + ".join
)
def test_values_validate_against_the_charts_own_schema(files):
    """Do our values, merged into the chart's defaults, pass the chart's values.schema.json?"""
    errors = sorted(chart_validator().iter_errors(chart_values(*files)), key=str)
    assert not errors, "\n".join(
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )


def test_a_misspelt_chart_value_is_refused():
    """Would the chart's schema catch a typo in our values (the check can fail)?"""
    values = chart_values("values.yaml")
    values["singleuser"]["memroy"] = values["singleuser"].pop("memory")
    assert not chart_validator().is_valid(values)


# --- Versions that must agree ----------------------------------------------------------------


def pinned(package: str) -> str:
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"{package} tidak dipatok di constraints.txt")


def test_chart_version_is_the_one_the_readme_installs():
    """Are the vendored chart, its folder and the README's helm command the same version?"""
    chart = load(chart_dir() / "Chart.yaml")
    assert chart["name"] == "jupyterhub"
    assert chart_dir().name == f"z2jh-{chart['version']}"
    readme = README.read_text(encoding="utf-8")
    assert f"--version {chart['version']}" in readme
    assert re.findall(r"--version (\S+)", readme) == [chart["version"]]
    # The hub image is the chart's own, at the chart's version (not overridden in our values).
    assert "image" not in load(K8S / "values.yaml")["hub"]
    assert load(chart_dir() / "values.yaml")["hub"]["image"]["tag"] == chart["version"]


def test_users_jupyterhub_matches_the_charts_hub():
    """Does the image's JupyterHub (constraints.txt) have the hub's major and minor version?"""
    hub = Version(str(load(chart_dir() / "Chart.yaml")["appVersion"]))
    ours = Version(pinned("jupyterhub"))
    assert (ours.major, ours.minor) == (hub.major, hub.minor), (str(ours), str(hub))
    readme = README.read_text(encoding="utf-8")
    assert f"JupyterHub {hub.major}.{hub.minor}" in readme
