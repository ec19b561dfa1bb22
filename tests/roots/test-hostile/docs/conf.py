from pathlib import Path

extensions = ["myst_parser", "checks.sphinx_ext"]
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
factcheck_root = str(Path(__file__).resolve().parent.parent)
exclude_patterns = ["_build"]
project = 'Hostile "><svg onload=alert("x-project")>'
