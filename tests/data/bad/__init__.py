"""The bad-file corpus (see README.md): files every importer must refuse with a message, writing nothing.

    for name, content in bad_files(): ...

or, in a test, the `bad_file` fixture of tests/conftest.py, which runs the test once per file.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
_NOT_IN_CORPUS = {"__init__.py", "make_bad_files.py", "README.md"}


def names():
    return sorted(p.name for p in HERE.iterdir() if p.is_file() and p.name not in _NOT_IN_CORPUS)


def read(name):
    return (HERE / name).read_bytes()


def bad_files():
    """(file name, bytes) for every file of the corpus."""
    for name in names():
        yield name, read(name)
