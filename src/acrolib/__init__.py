"""acrolib: find acronyms in text, work out what they mean, annotate or expand them.

>>> import acrolib
>>> acrolib.expand("The CBSI funds training.")
'The Caribbean Basin Security Initiative (CBSI) funds training.'
"""

from ._annotated import Annotated
from ._api import annotate, default_resolver, expand, find_definitions, lookup
from ._glossary import Glossary, available_packs, default_glossary
from ._model import Candidate, Definition, Entry, Mention, Sense, Source
from ._resolve import Options, Resolver
from ._version import __version__
from .exceptions import AcrolibError, GlossaryError, InputError

__all__ = [
    "AcrolibError",
    "Annotated",
    "Candidate",
    "Definition",
    "Entry",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Mention",
    "Options",
    "Resolver",
    "Sense",
    "Source",
    "__version__",
    "annotate",
    "available_packs",
    "default_glossary",
    "default_resolver",
    "expand",
    "find_definitions",
    "lookup",
]
