"""facts/schema.json: generated from the loader's own declarations, and the registry follows it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from checks.cli import main
from checks.registry.schema import json_schema

REPO = Path(__file__).resolve().parent.parent
SCHEMA_FILE = REPO / "facts" / "schema.json"


class Yaml12Loader(yaml.SafeLoader):
    """Reads YAML the way editors' YAML 1.2 tooling does: dates stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_committed_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema(), "run: factcheck schema --write facts/schema.json"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted((REPO / "facts").glob("*.yaml")), ids=lambda p: p.name)
def test_every_registry_file_follows_the_schema(path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    jsonschema.validate(data, json_schema())


def test_schema_rejects_what_the_loader_rejects():
    record = {"id": "congress-7", "kind": "event", "label": "7th Congress", "date": "2016-05-06",
              "sources": ["src"], "status": "verified", "verified": "2026-11-28"}
    jsonschema.validate([record], json_schema())
    for bad in ({"colour": "red"}, {"status": "true"}, {"date": "May 2016"}, {"sources": []}, {"id": "Bad_Id"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([record | bad], json_schema())


def test_schema_command_writes_atomically(tmp_path, capsys):
    target = tmp_path / "schema.json"
    assert main(["schema", "--write", str(target)]) == 0
    assert json.loads(target.read_text()) == json_schema()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
