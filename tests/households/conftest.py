"""Fixtures of the household tests: standards (reloaded after flushes), households and rounds."""
import pytest

from households.standards import load_standards


@pytest.fixture
def standards(db):
    """The poverty standards of the fixture; live_server tests flush the data migration's rows."""
    load_standards()
