"""The language server: pygls wiring of the project state and the features.

Documents: pages (``docs/**/*.md``) and registry files (``facts/**/*.yaml``) under the project
root (``--root``, else the editor's workspace folder, else the current folder). Diagnostics are
pushed on open and, debounced, on change; a change to a registry file (in the editor or on disk)
reloads the registry in a worker thread and re-publishes every open page whose findings change.
Every handler catches its own failures: a bug or a bad input is logged, never a crash.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import PositionCodec

from checks import __version__
from checks.core.findings import Finding
from checks.lsp import code_actions, completion, hover, navigation
from checks.lsp.diagnostics import docs_base, to_diagnostic
from checks.lsp.locations import (
    Span,
    from_position,
    line_span,
    location_span,
    path_of,
    reference_at,
    split_lines,
    to_range,
    uri_of,
)
from checks.lsp.state import Document, ProjectState
from checks.project import DOCS_DIR, FACTS_DIR
from checks.registry.loader import LoadResult

logger = logging.getLogger(__name__)
# How long typing must pause before a page is checked again (initializationOptions.debounceMs).
DEFAULT_DEBOUNCE_SECONDS = 0.3
_REGISTRY_KEY = "registry"
_Handler = TypeVar("_Handler", bound=Callable[..., Any])


@dataclass(frozen=True)
class Published:
    """What was last published for a document: for code actions, and to publish only changes."""

    version: int | None
    text: str
    findings: tuple[Finding, ...]
    key: tuple[tuple[Any, ...], ...]


def _key(findings: list[Finding]) -> tuple[tuple[Any, ...], ...]:
    """What a client sees of findings: code, message, suggestion and span (not compared by Finding)."""
    return tuple((f.code.code, f.message, f.suggestion, f.location.line, f.location.column,
                  f.location.end_line, f.location.end_column) for f in findings)


class FactcheckServer(LanguageServer):
    def __init__(self, root: Path | None = None) -> None:
        super().__init__("factcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.root_option = root
        self.state: ProjectState | None = None
        self.ready: asyncio.Event | None = None
        self.debounce = DEFAULT_DEBOUNCE_SECONDS
        self.docs_base = ""
        self.published: dict[str, Published] = {}
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.generation = 0

    # -- documents ------------------------------------------------------------------------------
    def document(self, uri: str) -> tuple[Document, TextDocument] | None:
        """The checked document at ``uri`` with the editor's text, or None if not ours."""
        path = path_of(uri)
        if self.state is None or path is None:
            return None
        document = self.state.classify(path)
        return (document, self.workspace.get_text_document(uri)) if document else None

    def hold_open(self, uri: str) -> Document | None:
        """Keep the editor's text of a checked document as the one to check (not the saved file)."""
        found = self.document(uri)
        if found is None or self.state is None:
            return None
        document, text = found
        self.state.open[document.path] = text.source
        return document

    def current_page(self, uri: str) -> tuple[str, list[str]] | None:
        """An open page brought up to date with its text (hover and friends may come before the
        debounced check): its path and lines."""
        found = self.document(uri)
        if found is None or found[0].kind != "page" or self.state is None:
            return None
        document, text = found
        source = text.source
        if self.state.page_texts.get(document.path) != source:
            self.state.open[document.path] = source
            self.state.set_page(document.path, source)
        return document.path, split_lines(source)

    # -- scheduling -----------------------------------------------------------------------------
    def schedule(self, key: str, job: Callable[[], Awaitable[None]], delay: float) -> None:
        """Run ``job`` after ``delay`` seconds and once the project is loaded; a newer job for
        the same key cancels it (debouncing)."""
        previous = self.tasks.get(key)
        if previous is not None and not previous.done():
            previous.cancel()
        self.tasks[key] = asyncio.ensure_future(self._run(job, delay))

    async def _run(self, job: Callable[[], Awaitable[None]], delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            if self.ready is not None:
                await self.ready.wait()
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug must not take the server down: log it and go on
            logger.exception("factcheck lsp: a background job failed")
            self.log("error", "a background job failed; see the server's log")

    def log(self, level: str, message: str) -> None:
        kinds = {"error": types.MessageType.Error, "warning": types.MessageType.Warning,
                 "info": types.MessageType.Info}
        self.window_log_message(types.LogMessageParams(type=kinds[level], message=f"factcheck: {message}"))

    # -- loading --------------------------------------------------------------------------------
    async def start(self) -> None:
        """Read every page and load the registry (in a worker thread), check what is open, then
        run the registry-wide checks for the registry files."""
        assert self.state is not None
        assert self.ready is not None
        state = self.state
        try:
            if not state.has_registry:
                message = (f"no {FACTS_DIR}/ folder under {state.root}: open the project's root folder, "
                           f"or start the server with --root")
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                                 message=f"factcheck: {message}"))
                return
            for problem in state.problems:
                self.log("warning", problem)
            state.apply_pages(await asyncio.to_thread(state.read_pages))
            state.apply(await asyncio.to_thread(self.load_and_warm_up, state.registry_texts()))
        except Exception:
            logger.exception("factcheck lsp: cannot load the project")
            self.log("error", f"cannot load the project at {state.root}; see the server's log")
        finally:
            self.ready.set()
        self.publish_all("page")
        await self.watch_files()
        await self.recheck_project()

    def load_and_warm_up(self, texts: dict[str, str]) -> LoadResult:
        """Load the registry and build its indexes (in a worker thread), so that the first page
        checked against it takes as long as any other."""
        assert self.state is not None
        result = self.state.load_registry(texts)
        self.state.warm_up(result.registry)
        return result

    async def reload_registry(self) -> None:
        """Reload the registry with the editor's texts (a registry file changed), re-check the
        open pages, then the registry-wide checks."""
        assert self.state is not None
        self.generation += 1
        generation = self.generation
        result = await asyncio.to_thread(self.load_and_warm_up, self.state.registry_texts())
        if generation != self.generation:
            return  # a newer change is being loaded
        self.state.apply(result)
        self.publish_all("page")
        await self.recheck_project(generation)

    async def recheck_project(self, generation: int | None = None) -> None:
        """The registry-wide and project checks (which facts the pages use), for the registry
        files; after a load, and when pages change on disk."""
        assert self.state is not None
        state = self.state
        if state.load is None:
            return
        whole = await asyncio.to_thread(state.check_whole, state.load, state.referenced())
        if generation is not None and generation != self.generation:
            return
        state.whole = whole
        self.publish_all("registry")

    async def watch_files(self) -> None:
        """Ask the client to tell us of changes on disk (a pull, a checkout, another editor)."""
        capability = self.client_capabilities.workspace
        watched = capability.did_change_watched_files if capability else None
        if not (watched and watched.dynamic_registration):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{FACTS_DIR}/**/*.yaml"),
                    types.FileSystemWatcher(glob_pattern=f"**/{DOCS_DIR}/**/*.md")]
        registration = types.Registration(
            id="factcheck-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
        try:
            await self.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception:  # the client may refuse: the server then sees only what is open
            logger.info("factcheck lsp: the client did not register the file watchers")

    # -- publishing -----------------------------------------------------------------------------
    def findings_for(self, document: Document) -> list[Finding]:
        assert self.state is not None
        if document.kind == "page":
            return self.state.page_findings(document.path)
        return self.state.registry_findings(document.path)

    def publish(self, uri: str, only_if_changed: bool = False) -> None:
        found = self.document(uri)
        if found is None or self.state is None or self.state.load is None:
            return
        document, text = found
        if document.kind == "page":
            self.current_page(uri)
        findings = self.findings_for(document)
        key = _key(findings)
        previous = self.published.get(uri)
        if only_if_changed and previous is not None and previous.key == key and previous.text == text.source:
            return
        self.published[uri] = Published(text.version, text.source, tuple(findings), key)
        lines = split_lines(text.source)
        codec = self.workspace.position_codec
        diagnostics = [to_diagnostic(f, lines, codec, self.state.root, self.docs_base) for f in findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=text.version))

    def publish_all(self, kind: str | None = None) -> None:
        """Every open document (of ``kind``), re-published where its findings changed."""
        for uri in list(self.workspace.text_documents):
            found = self.document(uri)
            if found is None or (kind is not None and found[0].kind != kind):
                continue
            try:
                self.publish(uri, only_if_changed=True)
            except Exception:
                logger.exception("factcheck lsp: cannot check %s", uri)
                self.log("error", f"cannot check {uri}; see the server's log")

    def findings_now(self, uri: str) -> tuple[list[Finding], list[str]] | None:
        """The findings of an open page for its current text (rechecked if it changed since)."""
        found = self.document(uri)
        if found is None or found[0].kind != "page":
            return None
        document, text = found
        previous = self.published.get(uri)
        if previous is not None and previous.text == text.source:
            return list(previous.findings), split_lines(text.source)
        self.current_page(uri)
        return self.findings_for(document), split_lines(text.source)


def _safe(handler: _Handler) -> _Handler:
    """A request handler that answers nothing (and logs) instead of failing on a bug."""
    @functools.wraps(handler)
    def safe(ls: FactcheckServer, params: Any) -> Any:
        try:
            return handler(ls, params)
        except Exception:
            logger.exception("factcheck lsp: %s failed", handler.__name__)
            ls.log("error", f"{handler.__name__} failed; see the server's log")
            return None
    return cast(_Handler, safe)


def create_server(root: Path | None = None) -> FactcheckServer:
    server = FactcheckServer(root)

    @server.feature(types.INITIALIZE)
    def initialize(ls: FactcheckServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        folder = ls.workspace.root_path or next((path_of(f.uri) for f in params.workspace_folders or ()), None)
        root_dir = ls.root_option or project_root(Path(folder) if folder else Path.cwd())
        ls.state = ProjectState(root_dir)
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and debounce >= 0:
            ls.debounce = debounce / 1000
        docs_url = options.get("docsUrl")
        ls.docs_base = docs_base(ls.state.root, docs_url if isinstance(docs_url, str) else None)
        ls.ready = asyncio.Event()

    @server.feature(types.INITIALIZED)
    def initialized(ls: FactcheckServer, params: types.InitializedParams) -> None:
        ls.tasks["start"] = asyncio.ensure_future(ls.start())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FactcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.hold_open(uri)
        if document is None or ls.state is None:
            return
        text = ls.state.open[document.path]
        if document.kind == "page":
            ls.state.set_page(document.path, text)
            ls.schedule(uri, lambda: _publish(ls, uri), 0)
        elif _differs_from_disk(ls.state, document.path, text):
            ls.schedule(_REGISTRY_KEY, ls.reload_registry, 0)  # publishes every open document
        else:
            ls.schedule(uri, lambda: _publish(ls, uri), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FactcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.hold_open(uri)
        if document is None:
            return
        if document.kind == "page":
            ls.schedule(uri, lambda: _publish(ls, uri), ls.debounce)
        else:
            ls.schedule(_REGISTRY_KEY, ls.reload_registry, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        document = ls.state.classify(path) if ls.state is not None and path is not None else None
        if document is None or ls.state is None:
            return
        text = ls.state.open.pop(document.path, None)
        ls.published.pop(uri, None)
        task = ls.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if document.kind == "page":
            ls.state.read_page(document.path)  # back to the saved text
        elif text is not None and _differs_from_disk(ls.state, document.path, text):
            ls.schedule(_REGISTRY_KEY, ls.reload_registry, 0)  # unsaved edits were dropped

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: FactcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        if ls.state is None:
            return
        registry_changed = pages_changed = False
        for change in params.changes:
            path = path_of(change.uri)
            document = ls.state.classify(path) if path is not None else None
            if document is None or document.path in ls.state.open:
                continue  # the editor's text of an open file is what counts
            if document.kind == "registry":
                registry_changed = True
            else:
                pages_changed = True
                if change.type == types.FileChangeType.Deleted:
                    ls.state.forget_page(document.path)
                else:
                    ls.state.read_page(document.path)
        if registry_changed:
            ls.schedule(_REGISTRY_KEY, ls.reload_registry, ls.debounce)
        elif pages_changed:
            ls.schedule("project", ls.recheck_project, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_safe
    def on_hover(ls: FactcheckServer, params: types.HoverParams) -> types.Hover | None:
        registry = ls.state.registry if ls.state else None
        current = ls.current_page(params.text_document.uri)
        if current is None or registry is None or ls.state is None:
            return None
        rel, lines = current
        line, character = from_position(params.position, lines, ls.workspace.position_codec)
        page = ls.state.pages[rel]
        ref = reference_at(page, lines, line, character)
        fact = registry.facts.get(ref.fact_id) if ref is not None else None
        if ref is not None and fact is not None:
            span = location_span(ref.location, lines)
        else:
            mentioned = hover.mention_at(registry, page, line, character) if ref is None else None
            if mentioned is None:
                return None
            fact, span = mentioned
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=hover.fact_markdown(registry, fact)),
                           range=to_range(span, lines, ls.workspace.position_codec))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=["`", "<"]))
    @_safe
    def on_completion(ls: FactcheckServer, params: types.CompletionParams) -> types.CompletionList | None:
        registry = ls.state.registry if ls.state else None
        page = ls.current_page(params.text_document.uri)
        if page is None or registry is None:
            return None
        _, lines = page
        codec = ls.workspace.position_codec
        line, character = from_position(params.position, lines, codec)
        context = completion.completion_context(lines[line][:character])
        if context is None:
            return None
        replaced = to_range(Span(line, context.start, line, character), lines, codec)
        typed_id = context.typed if context.in_target or completion.is_id_like(context.typed) else ""
        facts = completion.rank(registry, context.words, typed_id)
        items = [types.CompletionItem(
            label=fact.id,
            kind=types.CompletionItemKind.Reference,
            detail=completion.detail(fact),
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                              value=hover.fact_markdown(registry, fact)),
            sort_text=f"{rank:04d}",
            filter_text=fact.id if typed_id or not context.typed else context.typed,
            text_edit=types.TextEdit(range=replaced, new_text=completion.insertion(context, fact)),
        ) for rank, fact in enumerate(facts)]
        return types.CompletionList(is_incomplete=len(items) >= completion.MAX_ITEMS, items=items)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_safe
    def on_definition(ls: FactcheckServer, params: types.DefinitionParams) -> types.Location | None:
        record_id = _record_at(ls, params.text_document.uri, params.position)
        registry = ls.state.registry if ls.state else None
        if record_id is None or registry is None or ls.state is None:
            return None
        where = navigation.record_of(registry, record_id)
        codec = ls.workspace.position_codec
        return _registry_location(ls.state, where.path, where.line, codec) if where else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @_safe
    def on_references(ls: FactcheckServer, params: types.ReferenceParams) -> list[types.Location] | None:
        record_id = _record_at(ls, params.text_document.uri, params.position)
        registry = ls.state.registry if ls.state else None
        if record_id is None or registry is None or ls.state is None or record_id not in registry.facts:
            return None
        codec = ls.workspace.position_codec
        found = []
        if params.context.include_declaration:
            fact = registry.facts[record_id]
            found.append(_registry_location(ls.state, fact.location.path, fact.location.line, codec))
        for rel, ref in ls.state.references_to(record_id):
            lines = split_lines(ls.state.page_texts[rel])
            found.append(types.Location(uri=uri_of(ls.state.root / rel),
                                        range=to_range(location_span(ref.location, lines), lines, codec)))
        return found

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @_safe
    def on_code_action(ls: FactcheckServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        now = ls.findings_now(uri)
        if now is None or ls.state is None:
            return None
        findings, lines = now
        codec = ls.workspace.position_codec
        start = from_position(params.range.start, lines, codec)
        end = from_position(params.range.end, lines, codec)
        wanted = Span(*start, *end)
        actions = []
        for fix in code_actions.fixes(findings, lines, ls.state.registry):
            if not fix.span.overlaps(wanted):
                continue
            edit = types.TextEdit(range=to_range(fix.span, lines, codec), new_text=fix.new_text)
            diagnostic = to_diagnostic(fix.finding, lines, codec, ls.state.root, ls.docs_base)
            actions.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[diagnostic], is_preferred=fix.preferred or None,
                                            edit=types.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    return server


async def _publish(ls: FactcheckServer, uri: str) -> None:
    # unless this text's findings were published already (by the first check after loading)
    ls.publish(uri, only_if_changed=True)


def project_root(folder: Path) -> Path:
    """The project that holds ``folder``: the nearest folder, it or above it, with both docs/ and
    facts/ (an editor may open docs/ alone); ``folder`` itself if there is none."""
    for candidate in (folder, *folder.resolve().parents):
        if (candidate / DOCS_DIR).is_dir() and (candidate / FACTS_DIR).is_dir():
            return candidate
    return folder


def _differs_from_disk(state: ProjectState, rel: str, text: str) -> bool:
    try:
        return (state.root / rel).read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True


def _record_at(ls: FactcheckServer, uri: str, position: types.Position) -> str | None:
    """The id of the fact or source at ``position``: a page's reference, or an id in a registry
    file (a fact's ``id:`` line, a source in its citations, a fact it names)."""
    registry = ls.state.registry if ls.state else None
    found = ls.document(uri)
    if found is None or registry is None or ls.state is None:
        return None
    document, text = found
    lines = split_lines(text.source)
    line, character = from_position(position, lines, ls.workspace.position_codec)
    if document.kind == "page":
        ls.current_page(uri)
        ref = reference_at(ls.state.pages[document.path], lines, line, character)
        return ref.fact_id if ref is not None else None
    return navigation.id_at(lines[line], character, registry) if line < len(lines) else None


def _registry_location(state: ProjectState, rel: str, line: int, codec: PositionCodec) -> types.Location:
    """The record at ``line`` of a registry file, as the editor counts (open text, else disk)."""
    path = state.root / rel
    text = state.open.get(rel)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
    lines = split_lines(text)
    return types.Location(uri=uri_of(path), range=to_range(line_span(lines, line - 1), lines, codec))


def serve(root: Path | None = None) -> None:
    """Run the server over stdio until the client exits."""
    logging.basicConfig(level=logging.WARNING, format="factcheck lsp: %(levelname)s %(message)s")
    create_server(root).start_io()
