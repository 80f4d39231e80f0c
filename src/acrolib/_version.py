__version__ = "0.1.0"


def build() -> str:
    """``"compiled"`` when the scanning and resolving modules are C extensions built by mypyc,
    ``"pure Python"`` otherwise.  Both builds give the same results."""
    from importlib.machinery import EXTENSION_SUFFIXES

    from . import _definitions

    return "compiled" if _definitions.__file__.endswith(tuple(EXTENSION_SUFFIXES)) else (
        "pure Python")
