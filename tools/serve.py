#!/usr/bin/env python3
"""``make serve``: sphinx-autobuild's live preview, with faster rebuilds.

sphinx-autobuild starts a new Python for every rebuild: imports alone (Sphinx, MyST, the theme, the
extensions, the date parser) took about a second of each. Here the server imports them once, and
each build runs in a fresh child forked from it (``os.fork``): the child reads ``conf.py`` and the
saved environment anew, as a new process would, without the imports. Everything else (watching
``docs/`` and ``--watch`` folders, serving, reloading the browser) is sphinx-autobuild's own.

Usage: the arguments of ``sphinx-autobuild``, e.g. ``python tools/serve.py -c . docs build/serve
--watch facts --port 8000``. Needs the ``serve`` extra (``pip install -e '.[serve]'``) and a system
with ``fork`` (Linux, macOS); elsewhere it runs plain sphinx-autobuild.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import sphinx_autobuild.__main__ as autobuild
from sphinx_autobuild.utils import show_message


def preload(argv: Sequence[str]) -> None:
    """Import what every build imports: Sphinx's HTML builder and the extensions and theme that
    ``conf.py`` names. Only modules: no build state is made here, so nothing stale is inherited."""
    import sphinx.builders.html
    import sphinx.search.en  # noqa: F401
    from sphinx.cmd.build import get_parser
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    try:
        options = get_parser().parse_args(list(argv))
        conf = Path(options.confdir or options.sourcedir) / "conf.py"
        namespace = eval_config_file(conf.resolve(), Tags())
    except (Exception, SystemExit):
        return
    for name in [*namespace.get("extensions", ()), namespace.get("html_theme", "")]:
        try:
            importlib.import_module(name)
        except Exception:
            pass


class ForkingBuilder(autobuild.Builder):
    """sphinx-autobuild's builder, running ``sphinx-build`` in a forked child instead of a new Python."""

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            shown = []
            for path in changed_paths[:5]:
                try:
                    shown.append(path.relative_to(Path.cwd()).as_posix())
                except ValueError:
                    shown.append(path.as_posix())
            show_message(f"Detected changes ({', '.join(shown)})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        started = time.monotonic()
        status = self._build()
        show_message(f"Built in {time.monotonic() - started:.1f} s")
        if status == 0:
            self._run_commands(self.post_build_commands, "post-build")
        else:
            print(f"Sphinx exited with exit code: {status}; the server goes on serving the last good build. "
                  "Fix the problem above, or press Ctrl+C to stop.")
        show_message(f"Serving on {self.uri}")

    def _build(self) -> int:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: build, then leave without running the server's clean-up
            status = 1
            try:
                from sphinx.cmd.build import build_main

                status = build_main(list(self.sphinx_args))
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        _, wait_status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(wait_status)


def main(argv: Sequence[str]) -> None:
    if hasattr(os, "fork"):
        autobuild_args, build_args = autobuild._parse_args(list(argv))
        preload(build_args)
        autobuild.Builder = ForkingBuilder
    autobuild.main(list(argv))


if __name__ == "__main__":
    main(sys.argv[1:])
