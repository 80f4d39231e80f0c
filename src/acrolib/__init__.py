"""acrolib: find acronyms in text, work out what they mean, annotate or expand them.

>>> import acrolib
>>> acrolib.expand("The CBSI funds training.")
'The Caribbean Basin Security Initiative (CBSI) funds training.'
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .exceptions import AcrolibError, GlossaryError, InputError, WorkerError

if TYPE_CHECKING:
    from ._annotated import Annotated
    from ._api import annotate, default_resolver, expand, find_definitions, lookup
    from ._config import Config, load_config
    from ._glossary import Glossary, available_packs, default_glossary
    from ._lint import RULES, Finding, LintConfig, lint
    from ._mine import MineResult, mine
    from ._model import Candidate, Definition, Entry, Mention, Sense, Source
    from ._render import to_footer, to_html, to_json, to_markdown
    from ._resolve import Options, Resolver
    from ._workers import AnnotationWorkers

# Every name loads from its module on first use.  ``import acrolib`` then costs next to
# nothing, and the command line decides when the pipeline's modules are imported (see
# ``acrolib.cli.entry``).  Lint, mining, rendering and configuration are never imported by a
# plain ``expand``.
_LAZY = {
    "Annotated": "_annotated",
    "annotate": "_api", "default_resolver": "_api", "expand": "_api",
    "find_definitions": "_api", "lookup": "_api",
    "Config": "_config", "load_config": "_config",
    "Glossary": "_glossary", "available_packs": "_glossary", "default_glossary": "_glossary",
    "RULES": "_lint", "Finding": "_lint", "LintConfig": "_lint", "lint": "_lint",
    "MineResult": "_mine", "mine": "_mine",
    "Candidate": "_model", "Definition": "_model", "Entry": "_model", "Mention": "_model",
    "Sense": "_model", "Source": "_model",
    "to_footer": "_render", "to_html": "_render", "to_json": "_render",
    "to_markdown": "_render",
    "Options": "_resolve", "Resolver": "_resolve",
    "AnnotationWorkers": "_workers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'acrolib' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "RULES",
    "AcrolibError",
    "Annotated",
    "AnnotationWorkers",
    "Candidate",
    "Config",
    "Definition",
    "Entry",
    "Finding",
    "Glossary",
    "GlossaryError",
    "InputError",
    "LintConfig",
    "Mention",
    "MineResult",
    "Options",
    "Resolver",
    "Sense",
    "Source",
    "WorkerError",
    "__version__",
    "annotate",
    "available_packs",
    "default_glossary",
    "default_resolver",
    "expand",
    "find_definitions",
    "lint",
    "load_config",
    "lookup",
    "mine",
    "to_footer",
    "to_html",
    "to_json",
    "to_markdown",
]
