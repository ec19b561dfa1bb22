"""``factcheck lsp`` end to end: a real LSP client (pytest-lsp) drives the server over stdio, as an
editor would, on a copy of a small project (tests/roots/test-lsp) and of the explainer itself.

Every quick fix is applied to the text and the result re-checked clean by the server."""

from __future__ import annotations

import asyncio
import functools
import shutil
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, copy_project
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from checks.core.codelist import code_anchor

TIMEOUT = 20.0  # seconds to wait for diagnostics: a loaded 2-core machine runs several servers at once
TEST_TIMEOUT = 300.0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project("lsp", tmp_path)


def run_in_thread(test: Coroutine[Any, Any, None]) -> None:
    """Run an async test with asyncio in a thread of its own: other tests (the browser tests'
    Playwright) may keep an event loop running in the main thread for the whole session."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(test)
        except BaseException as exc:  # re-raised in the test's thread
            failure.append(exc)

    worker = threading.Thread(target=run, name="lsp-test")
    worker.start()
    worker.join(TEST_TIMEOUT)
    if worker.is_alive():
        pytest.fail(f"the test did not finish within {TEST_TIMEOUT:.0f} s")
    if failure:
        raise failure[0]


def in_thread(body: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """An async test (its fixtures as declared) run by :func:`run_in_thread`."""
    @functools.wraps(body)
    def test(*args: Any, **kwargs: Any) -> None:
        run_in_thread(body(*args, **kwargs))
    return test


EDITOR_OPTIONS = {"docsUrl": "https://example.org/explainer/"}
EditorBody = Callable[[LanguageClient, Path], Coroutine[Any, Any, None]]


def editor_test(body: EditorBody) -> Callable[[Path], None]:
    """A test of ``body(client, project)``: a client (with VS Code's capabilities) connected to a
    server started on a fresh copy of the test project. For tests that change the project on disk
    or the registry in the editor, or that try to break the server."""
    async def session(project: Path) -> None:
        async with Session(project, editor="visual-studio-code", options=EDITOR_OPTIONS) as client:
            await body(client, project)

    def test(project: Path) -> None:
        run_in_thread(session(project))
    test.__name__, test.__qualname__, test.__doc__ = body.__name__, body.__qualname__, body.__doc__
    return test


class SharedEditor:
    """One server for the tests that leave the registry and the disk as they were, as an editor keeps
    one server while its user opens, edits and closes pages. Each test's documents are closed after
    it (the server drops their text and diagnostics), and the project on disk is checked unchanged.

    The client lives on an event loop in a thread of its own for the module (see run_in_thread)."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.files = self.snapshot()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="lsp-shared", daemon=True)
        self.thread.start()
        self.session = Session(project, editor="visual-studio-code", options=EDITOR_OPTIONS)
        self.client = self.call(self.session.__aenter__())

    def snapshot(self) -> dict[str, bytes]:
        return {p.relative_to(self.project).as_posix(): p.read_bytes()
                for p in sorted(self.project.rglob("*")) if p.is_file()}

    def call(self, work: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(TEST_TIMEOUT)

    def run(self, body: EditorBody) -> None:
        try:
            self.call(body(self.client, self.project))
        finally:
            self.call(self.close_documents())
        assert self.snapshot() == self.files, "a test on the shared server changed the project on disk"

    async def close_documents(self) -> None:
        """Close what the test opened and see each document's diagnostics cleared, so that the next
        test's diagnostics cannot be mistaken for these."""
        opened = sorted(self.client.opened)  # type: ignore[attr-defined]
        self.client.opened.clear()  # type: ignore[attr-defined]
        for doc in opened:
            self.client.diagnostics[doc] = ["not cleared"]
            self.client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=doc)))
        # The server answers in order: by the answer to a request sent after the closes, it has
        # handled them (and published their empty diagnostics, which the client has read).
        await self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(self.project, "docs/index.md")),
            position=types.Position(line=0, character=0)))
        assert {doc: list(self.client.diagnostics.pop(doc)) for doc in opened} == {doc: [] for doc in opened}

    def stop(self) -> None:
        try:
            self.call(self.session.__aexit__(None, None, None))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(TEST_TIMEOUT)
            self.loop.close()


@pytest.fixture(scope="module")
def shared_editor(tmp_path_factory: pytest.TempPathFactory):
    editor = SharedEditor(copy_project("lsp", tmp_path_factory.mktemp("lsp-shared")))
    yield editor
    editor.stop()


def shared_editor_test(body: EditorBody) -> Callable[[SharedEditor], None]:
    """A test of ``body(client, project)`` on the module's one server (SharedEditor): for tests that
    only open, type in and close pages, and read the registry without changing it."""
    def test(shared_editor: SharedEditor) -> None:
        shared_editor.run(body)
    test.__name__, test.__qualname__, test.__doc__ = body.__name__, body.__qualname__, body.__doc__
    return test


# -- helpers ------------------------------------------------------------------------------------
def accept_registrations(client: LanguageClient) -> None:
    """Answer client/registerCapability as editors do, keeping what the server registered."""
    client.registrations = []  # type: ignore[attr-defined]

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


def uri(root: Path, rel: str) -> str:
    return (root / rel).as_uri()


async def diagnostics_of(client: LanguageClient, doc: str, previous: object = None) -> list[types.Diagnostic]:
    """Wait for diagnostics of ``doc`` other than ``previous`` (the list object published before)."""
    async def published() -> list[types.Diagnostic]:
        while doc not in client.diagnostics or client.diagnostics[doc] is previous:
            await asyncio.sleep(0.02)
        return list(client.diagnostics[doc])
    return await asyncio.wait_for(published(), TIMEOUT)


async def open_doc(client: LanguageClient, root: Path, rel: str, text: str | None = None) -> list[types.Diagnostic]:
    doc = uri(root, rel)
    client.diagnostics.pop(doc, None)
    client.opened.add(doc)  # type: ignore[attr-defined]
    text = (root / rel).read_text(encoding="utf-8") if text is None else text
    language = "markdown" if rel.endswith(".md") else "yaml"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=doc, language_id=language, version=1, text=text)))
    return await diagnostics_of(client, doc)


VERSIONS: dict[str, int] = {}


async def change_doc(client: LanguageClient, root: Path, rel: str, text: str) -> list[types.Diagnostic]:
    """Replace the whole text (as a client may) and wait for the new diagnostics."""
    doc = uri(root, rel)
    previous = client.diagnostics.get(doc)
    VERSIONS[doc] = VERSIONS.get(doc, 1) + 1
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=VERSIONS[doc]),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    return await diagnostics_of(client, doc, previous)


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    """The position of ``needle`` (plus ``offset`` characters) in ``text``: ASCII, so UTF-16 too."""
    at = text.index(needle) + offset
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rindex("\n", 0, at) + 1 if line else 0))


def range_of(text: str, needle: str) -> types.Range:
    return types.Range(start=position_of(text, needle), end=position_of(text, needle, len(needle)))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [sum(len(line) + 1 for line in lines[:n]) for n in range(len(lines))]
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


PLANTED = """\
# The Congress

The {fact}`7th Congress <congress-7>` of the {fact}`Workers' Party of Korea <wpk>` opened on
{fact}`6 May 2015 <congress-7>`, led by Kim Jung Un. It had {fact}`3,000 delegates <delegates-7>`
and met in {fact}`Pyongyang <pyongyang>`.
"""


# -- diagnostics --------------------------------------------------------------------------------
@shared_editor_test
async def test_planted_errors_are_shown_at_their_exact_place_from_the_open_text(client, project):
    found = await open_doc(client, project, "docs/index.md", PLANTED)  # the disk's text is clean
    by_code = {str(d.code): d for d in found}
    assert sorted(by_code) == ["date.mismatch", "name.rejected", "number.mismatch", "ref.unknown"]
    assert by_code["date.mismatch"].range == range_of(PLANTED, "6 May 2015")
    assert by_code["name.rejected"].range == range_of(PLANTED, "Kim Jung Un")
    assert by_code["number.mismatch"].range == range_of(PLANTED, "3,000")
    assert by_code["ref.unknown"].range == range_of(PLANTED, "pyongyang")  # the id inside <...>
    rejected = by_code["name.rejected"]
    assert rejected.severity == types.DiagnosticSeverity.Error
    assert rejected.source == "factcheck"
    assert rejected.code_description.href == ("https://example.org/explainer/contributing.html#"
                                              + code_anchor("name.rejected"))
    assert "write 'Kim Jong Un'" in rejected.message
    # the related record is the fact's entry in the registry
    [related] = by_code["date.mismatch"].related_information
    assert related.location.uri == uri(project, "facts/facts.yaml")


@shared_editor_test
async def test_diagnostics_follow_the_text_as_it_is_typed(client, project):
    clean = (project / "docs/index.md").read_text(encoding="utf-8")
    assert await open_doc(client, project, "docs/index.md") == []
    reference = "led by {fact}`Kim Jong Un <kim-jong-un>`"
    typed = clean.replace(reference, reference + " and Kim Jong-un")
    [variant] = await change_doc(client, project, "docs/index.md", typed)
    assert (variant.code, variant.range) == ("name.variant", range_of(typed, "Kim Jong-un"))
    assert variant.severity == types.DiagnosticSeverity.Warning
    assert await change_doc(client, project, "docs/index.md", clean) == []


@in_thread
async def test_typing_is_debounced_and_the_last_text_wins(project):
    async with Session(project, debounce_ms=400, counting=True, editor="visual-studio-code") as editor:
        clean = (project / "docs/index.md").read_text(encoding="utf-8")
        doc = uri(project, "docs/index.md")
        assert await open_doc(editor, project, "docs/index.md") == []
        # five keystrokes well within the pause: only the text after the last one is checked
        for version, word in enumerate(["K", "Ki", "Kim", "Kim Jung", "Kim Jung Un"], start=2):
            editor.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=clean + f"\nThen {word} spoke.\n")]))
        await asyncio.sleep(2.0)
        after_open = [p for p in editor.published if p.uri == doc][1:]  # type: ignore[attr-defined]
        assert [p.version for p in after_open] == [6]
        assert [d.code for d in after_open[0].diagnostics] == ["name.rejected"]
        # the watchers for changes on disk were registered with the client
        watched = [r for r in editor.registrations  # type: ignore[attr-defined]
                   if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
        patterns = [w["globPattern"] for w in watched[0].register_options["watchers"]]  # as the client got them
        assert patterns == ["**/facts/**/*.yaml", "**/docs/**/*.md"]


@shared_editor_test
async def test_incremental_changes_are_applied_before_checking(client, project):
    text = (project / "docs/history.md").read_text(encoding="utf-8")
    doc = uri(project, "docs/history.md")
    assert await open_doc(client, project, "docs/history.md") == []
    previous = client.diagnostics[doc]
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=doc, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=range_of(text, "October 1980"),
                                                                 text="October 1981")]))
    [mismatch] = await diagnostics_of(client, doc, previous)
    assert (mismatch.code, mismatch.range) == ("date.mismatch", range_of(text, "October 1980"))


@editor_test
async def test_a_registry_edit_rechecks_the_open_pages_that_use_it(client, project):
    page = (project / "docs/index.md").read_text(encoding="utf-8")
    assert await open_doc(client, project, "docs/index.md") == []
    registry = (project / "facts/facts.yaml").read_text(encoding="utf-8")
    assert await open_doc(client, project, "facts/facts.yaml") == []
    index = uri(project, "docs/index.md")
    previous = client.diagnostics[index]
    edited = registry.replace("value: 3467", "value: 3468")
    on_registry = await change_doc(client, project, "facts/facts.yaml", edited)
    # the registry file: the excerpt no longer states the value
    assert codes(on_registry) == ["evidence.unsupported"]
    [on_page] = await diagnostics_of(client, index, previous)
    assert (on_page.code, on_page.range) == ("number.mismatch", range_of(page, "3,467"))


@editor_test
async def test_a_change_on_disk_is_seen_through_watched_files(client, project):
    page = (project / "docs/history.md").read_text(encoding="utf-8")
    assert await open_doc(client, project, "docs/history.md") == []
    doc = uri(project, "docs/history.md")
    previous = client.diagnostics[doc]
    facts = project / "facts/facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("1980-10-10/1980-10-14", "1981-10-10/1981-10-14")
                     .replace("14 October 1980", "14 October 1981"), encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=facts.as_uri(), type=types.FileChangeType.Changed)]))
    [mismatch] = await diagnostics_of(client, doc, previous)
    assert (mismatch.code, mismatch.range) == ("date.mismatch", range_of(page, "October 1980"))


@editor_test
async def test_a_broken_registry_file_is_one_diagnostic_on_its_line_and_the_rest_is_still_served(client, project):
    page = (project / "docs/index.md").read_text(encoding="utf-8")
    assert await open_doc(client, project, "docs/index.md") == []
    registry = (project / "facts/facts.yaml").read_text(encoding="utf-8")
    await open_doc(client, project, "facts/facts.yaml")
    broken = registry.replace("  label: Kim Jong Un\n", "  label: [Kim Jong Un\n")
    [invalid] = await change_doc(client, project, "facts/facts.yaml", broken)
    opened = broken.split("\n").index("  label: [Kim Jong Un")
    assert invalid.code == "registry.invalid"
    assert "malformed YAML" in invalid.message
    # where the parser noticed, saying where the bracket was opened
    assert invalid.range.start.line >= opened
    assert f"starts on line {opened + 1}" in invalid.message
    # pages are still checked and served against the last registry that loaded
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/index.md")),
        position=position_of(page, "Kim Jong Un <kim-jong-un>", 2)))
    assert hover is not None
    assert "Kim Jong Un" in hover.contents.value
    typed = page.replace("led by", "led by Kim Jung Un and")
    [rejected] = await change_doc(client, project, "docs/index.md", typed)
    assert rejected.code == "name.rejected"
    # fixed: the registry file is clean again
    assert await change_doc(client, project, "facts/facts.yaml", registry) == []


@editor_test
async def test_a_broken_registry_line_is_where_the_loader_says(client, project):
    registry = (project / "facts/facts.yaml").read_text(encoding="utf-8")
    await open_doc(client, project, "facts/facts.yaml")
    broken = registry.replace("  status: verified\n", "  status: checked\n", 1)
    [invalid] = await change_doc(client, project, "facts/facts.yaml", broken)
    line = broken.split("\n").index("  status: checked")
    assert invalid.code == "registry.invalid"
    assert "'status'" in invalid.message
    assert invalid.range == types.Range(start=types.Position(line, 2),
                                        end=types.Position(line, len("  status: checked")))


# -- hover --------------------------------------------------------------------------------------
@shared_editor_test
async def test_hover_shows_value_status_sources_and_correction(client, project):
    page = (project / "docs/index.md").read_text(encoding="utf-8")
    await open_doc(client, project, "docs/index.md")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/index.md")),
        position=position_of(page, "6 to 9 May 2016 <congress-7>", 3)))
    text = hover.contents.value
    assert "6\u20139 May 2016" in text
    assert "verified" in text
    assert "*A report on the Congress* (Example Agency)" in text
    assert "The 7th Congress met from 6 to 9 May 2016" in text
    assert "**Correction**" in text
    assert "opens on 7 May" in text
    assert "a day earlier" in text
    assert hover.range == range_of(page, "{fact}`6 to 9 May 2016 <congress-7>`")
    outside = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/index.md")),
        position=position_of(page, "attended")))
    assert outside is None


@shared_editor_test
async def test_hover_on_a_fact_the_prose_names_without_a_reference(client, project):
    text = "The {fact}`Workers' Party of Korea <wpk>` met. Later the WPK elected its leaders.\n"
    await open_doc(client, project, "docs/mention.md", text)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/mention.md")),
        position=position_of(text, "WPK elected", 1)))
    assert hover is not None
    assert hover.range == range_of(text, "WPK")
    assert "Workers' Party of Korea" in hover.contents.value.replace("\\", "")
    assert "the Workers' Party of Korea\u201d" in hover.contents.value.replace("\\", "")  # its source's words


# -- completion ---------------------------------------------------------------------------------
async def complete(client: LanguageClient, root: Path, text: str, after: str) -> types.CompletionList:
    await open_doc(client, root, "docs/new.md", text)
    return await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(root, "docs/new.md")),
        position=position_of(text, after, len(after))))


@shared_editor_test
async def test_completion_in_the_target_ranks_the_facts_dated_as_the_words_say(client, project):
    text = "The congress met in {fact}`May 2016 <`\n"
    result = await complete(client, project, text, "May 2016 <")
    first = result.items[0]
    assert first.label == "congress-7"
    assert "6\u20139 May 2016" in first.detail
    assert first.text_edit.new_text == "congress-7"
    text = "It met in {fact}`October 1980 <`\n"
    assert (await complete(client, project, text, "October 1980 <")).items[0].label == "congress-6"


@shared_editor_test
async def test_completion_after_the_backtick_writes_the_words_and_the_id(client, project):
    text = "About {fact}`3,467 delegates\n"
    result = await complete(client, project, text, "3,467 delegates")
    first = result.items[0]
    assert first.label == "delegates-7"
    assert first.text_edit.new_text == "3,467 delegates <delegates-7>"
    assert first.text_edit.range == range_of(text, "3,467 delegates")
    typed = "Led by {fact}`kim\n"
    result = await complete(client, project, typed, "{fact}`kim")
    assert result.items[0].label == "kim-jong-un"
    assert result.items[0].text_edit.new_text == "kim-jong-un"


# -- definition and references ------------------------------------------------------------------
@shared_editor_test
async def test_definition_goes_from_a_reference_to_the_fact_record(client, project):
    page = (project / "docs/history.md").read_text(encoding="utf-8")
    await open_doc(client, project, "docs/history.md")
    where = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/history.md")),
        position=position_of(page, "<congress-6>", 3)))
    registry = (project / "facts/facts.yaml").read_text(encoding="utf-8")
    assert where.uri == uri(project, "facts/facts.yaml")
    assert where.range == range_of(registry, "- id: congress-6")
    # from a source id in a registry file to the source's record
    await open_doc(client, project, "facts/facts.yaml")
    where = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "facts/facts.yaml")),
        position=position_of(registry, "source: src-history", 10)))
    sources = (project / "facts/sources.yaml").read_text(encoding="utf-8")
    assert (where.uri, where.range) == (uri(project, "facts/sources.yaml"), range_of(sources, "- id: src-history"))


@shared_editor_test
async def test_references_from_a_fact_id_line_find_every_page_that_uses_it(client, project):
    registry = (project / "facts/facts.yaml").read_text(encoding="utf-8")
    await open_doc(client, project, "facts/facts.yaml")
    found = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "facts/facts.yaml")),
        position=position_of(registry, "id: congress-7", 6),
        context=types.ReferenceContext(include_declaration=False)))
    index = (project / "docs/index.md").read_text(encoding="utf-8")
    history = (project / "docs/history.md").read_text(encoding="utf-8")
    assert [(f.uri, f.range) for f in found] == [
        (uri(project, "docs/history.md"), range_of(history, "{fact}`May 2016 <congress-7>`")),
        (uri(project, "docs/index.md"), range_of(index, "{fact}`7th Congress <congress-7>`")),
        (uri(project, "docs/index.md"), range_of(index, "{fact}`6 to 9 May 2016 <congress-7>`")),
    ]


# -- quick fixes ----------------------------------------------------------------------------------
async def fix(client: LanguageClient, root: Path, text: str, title_start: str) -> str:
    """Open ``text`` as a new page, apply the quick fix whose title starts with ``title_start``
    and return the fixed text after checking that the server finds it clean."""
    found = await open_doc(client, root, "docs/fix.md", text)
    assert found, "the planted error is reported"
    doc = uri(root, "docs/fix.md")
    actions = []
    for diagnostic in found:
        actions += await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=doc), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic])))
    [action] = [a for a in actions if a.title.startswith(title_start)]
    assert action.kind == types.CodeActionKind.QuickFix
    fixed = apply_edits(text, action.edit.changes[doc])
    assert await change_doc(client, root, "docs/fix.md", fixed) == []
    return fixed


INTRO = "The {fact}`Workers' Party of Korea <wpk>` met under {fact}`Kim Jong Un <kim-jong-un>`.\n"


@shared_editor_test
async def test_fix_rejected_spelling_and_variant_with_the_house_style_name(client, project):
    fixed = await fix(client, project, INTRO + "Then Kim Jung Un spoke.\n", "Write 'Kim Jong Un'")
    assert fixed.endswith("Then Kim Jong Un spoke.\n")
    fixed = await fix(client, project, INTRO + "Then Kim Jong-un spoke.\n", "Write 'Kim Jong Un'")
    assert fixed.endswith("Then Kim Jong Un spoke.\n")


@shared_editor_test
async def test_fix_an_uncited_mention_into_the_suggested_reference(client, project):
    fixed = await fix(client, project, "The party met under Kim Jong Un.\n", "Reference the fact")
    assert fixed == "The party met under {fact}`Kim Jong Un <kim-jong-un>`.\n"


@shared_editor_test
async def test_fix_a_wrong_date_and_a_wrong_number_with_the_registry_values(client, project):
    fixed = await fix(client, project, "It opened on {fact}`6 May 2015 <congress-7>`.\n", "Write the registry's date")
    assert fixed == "It opened on {fact}`6\u20139 May 2016 <congress-7>`.\n"
    fixed = await fix(client, project, "It had {fact}`3,000 delegates <delegates-7>`.\n", "Write the registry's value")
    assert fixed == "It had {fact}`3,467 delegates <delegates-7>`.\n"


@shared_editor_test
async def test_fix_an_uncited_date_with_nofact_or_a_reference(client, project):
    fixed = await fix(client, project, "Nothing of note happened in 1975.\n", "Mark as not a claim")
    assert fixed == "Nothing of note happened in {nofact}`1975`.\n"
    # the check itself finds the fact the date states: its suggestion is the reference
    fixed = await fix(client, project, "The previous congress met in October 1980.\n", "Reference the fact")
    assert fixed == "The previous congress met in {fact}`October 1980 <congress-6>`.\n"
    # a date the check cannot tie to one fact: the facts of that date are offered
    fixed = await fix(client, project, "Much changed in May 2016.\n", "Reference congress-7")
    assert fixed == "Much changed in {fact}`May 2016 <congress-7>`.\n"


@shared_editor_test
async def test_fix_quoted_words_that_quote_nobody_as_a_phrase(client, project):
    fixed = await fix(client, project, "Delegates spoke of the \u201cCongress of Victors\u201d.\n", "Mark as a term")
    assert fixed == "Delegates spoke of the {phrase}`\u201cCongress of Victors\u201d`.\n"


@shared_editor_test
async def test_fix_an_unknown_id_with_the_closest_one(client, project):
    fixed = await fix(client, project, "It met in {fact}`May 2016 <congres-7>`.\n", "Reference 'congress-7'")
    assert fixed == "It met in {fact}`May 2016 <congress-7>`.\n"


# -- robustness -----------------------------------------------------------------------------------
@editor_test
async def test_malformed_input_does_not_crash_the_server(client, project):
    hostile = ("\x00\ufeff# {fact}`\n{fact}`<>` {fact}`never closed\n" + "x" * 100_000 + "\n"
               ":::{note}\n{fact}`Kim Jung\n  Un <kim-jong-un>`\n" + "\U0001f600 {fact}`May 2016 <congress-7>`\n")
    found = await open_doc(client, project, "docs/hostile.md", hostile)
    assert "ref.malformed" in codes(found)
    # an emoji before a reference: the range is in UTF-16 code units, as the client counts
    [emoji_line] = [n for n, line in enumerate(hostile.split("\n")) if line.startswith("\U0001f600")]
    assert all(d.range.start.line != emoji_line for d in found)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/hostile.md")),
        position=types.Position(line=emoji_line, character=2 + 1 + 3)))
    assert hover is not None
    assert hover.range.start.character == 3
    # requests about documents the server does not check, positions past the end, junk on stdin
    nowhere = types.TextDocumentIdentifier(uri=(project / "elsewhere.txt").as_uri())
    assert await client.text_document_hover_async(types.HoverParams(
        text_document=nowhere, position=types.Position(line=0, character=0))) is None
    assert await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/hostile.md")),
        position=types.Position(line=9999, character=9999))) is None
    client._server.stdin.write(b"Content-Length: 9\r\n\r\n{garbage}")
    await client._server.stdin.drain()
    # still serving
    page = (project / "docs/index.md").read_text(encoding="utf-8")
    await open_doc(client, project, "docs/index.md")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project, "docs/index.md")),
        position=position_of(page, "<wpk>", 1)))
    assert hover is not None
    assert "Workers' Party of Korea" in hover.contents.value.replace("\\", "")


@pytest.fixture
def explainer(tmp_path: Path) -> Path:
    root = tmp_path / "explainer"
    for folder in ("docs", "facts"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@in_thread
async def test_the_explainer_itself_in_an_editor(explainer):
    """The real explainer: a clean page is clean; a wrong date typed into it shows where it is."""
    async with Session(explainer) as editor:
        page = (explainer / "docs/what-is-the-congress.md").read_text(encoding="utf-8")
        found = await open_doc(editor, explainer, "docs/what-is-the-congress.md")
        assert [d for d in found if d.code != "fact.stale"] == []
        needle = "<congress-7>`"
        words_start = page.rindex("{fact}`", 0, page.index(needle)) + len("{fact}`")
        words = page[words_start:page.index(needle)].strip()
        planted = page[:words_start] + "4 June 2015 " + page[page.index(needle):]
        mismatch = [d for d in await change_doc(editor, explainer, "docs/what-is-the-congress.md", planted)
                    if d.code == "date.mismatch"]
        assert [d.range for d in mismatch] == [range_of(planted, "4 June 2015")], words


class Session:
    """A client connected to a server started on ``root``: the editor's capabilities, the debounce,
    other initialization options, and whether to keep every publication of diagnostics."""

    def __init__(self, root: Path, debounce_ms: int = 10, counting: bool = False,
                 editor: str = "neovim", options: dict[str, Any] | None = None) -> None:
        self.root = root
        self.editor = editor
        self.options = {"debounceMs": debounce_ms, **(options or {})}
        factory = counting_client if counting else make_test_lsp_client
        self.config = ClientServerConfig(server_command=[sys.executable, "-m", "checks", "lsp"],
                                         client_factory=factory)

    async def __aenter__(self) -> LanguageClient:
        self.client = await self.config.start()
        self.client.opened = set()  # type: ignore[attr-defined]  # the documents open_doc opened
        accept_registrations(self.client)
        await self.client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities(self.editor), root_uri=self.root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="project")],
            initialization_options=self.options))
        return self.client

    async def __aexit__(self, *exc: object) -> None:
        await self.client.shutdown_session()
        await self.client.stop()


def counting_client() -> LanguageClient:
    """A test client that keeps every publishDiagnostics, not only the last per document."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    return client
