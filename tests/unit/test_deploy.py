"""The deploy files are valid: compose against the Compose spec's JSON schema, k8s as YAML."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(name="compose_schema")
def _compose_schema() -> dict[str, object]:
    # check-jsonschema vendors the Compose specification's schema (compose-spec.json).
    text = (
        resources.files("check_jsonschema.builtin_schemas.vendor")
        .joinpath("compose-spec.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, object] = json.loads(text)
    return schema


def test_compose_file_matches_the_compose_specification(compose_schema: dict[str, object]) -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    jsonschema.validate(compose, compose_schema)


def test_compose_gates_every_tocsin_service_on_a_healthy_redis_with_aof() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"redis", "api", "worker", "beat"}
    assert "--appendonly" in services["redis"]["command"]
    assert "healthcheck" in services["redis"]
    for name in ("api", "worker", "beat"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        assert services[name]["build"]["dockerfile"] == "deploy/Dockerfile"


def test_compose_schema_rejects_a_broken_file(compose_schema: dict[str, object]) -> None:
    # Guards the guard: the schema must actually refuse a malformed service.
    broken = {"services": {"api": {"ports": "8000:8000", "depends_on": 3}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, compose_schema)


def test_kubernetes_manifests_parse_and_name_every_role() -> None:
    docs = list(yaml.safe_load_all((REPO / "deploy/k8s/tocsin.yaml").read_text()))
    deployments = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
    assert deployments == {"tocsin-api", "tocsin-worker", "tocsin-beat"}
    beat = next(d for d in docs if d["metadata"]["name"] == "tocsin-beat")
    assert beat["spec"]["replicas"] == 1
