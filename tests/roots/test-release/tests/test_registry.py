"""The release fixture's own test suite, run by ``tools/release.py`` before it releases."""

from pathlib import Path

from checks.project import Project


def test_registry_has_the_congress():
    reg = Project(Path(__file__).resolve().parent.parent).load_registry()
    assert reg.facts["congress-7"].kind == "event"
