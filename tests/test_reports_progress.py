"""The progress bar: silent off a terminal and before its delay; never changes what it iterates."""

from __future__ import annotations

import io

from claimcheck.reports.progress import BatchProgress, stream_wants_progress, track


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_items_pass_through_unchanged():
    assert list(track(iter(range(5)), stream=io.StringIO())) == [0, 1, 2, 3, 4]


def test_silent_when_not_a_terminal():
    buf = io.StringIO()
    assert not stream_wants_progress(buf)
    assert list(track(range(3), stream=buf, delay=0)) == [0, 1, 2]
    assert buf.getvalue() == ""


def test_silent_before_the_delay(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    ticks = iter([0.0, 0.5, 1.0, 1.5])
    buf = FakeTTY()
    with BatchProgress(3, "extracting", stream=buf, clock=lambda: next(ticks)) as bar:
        for _ in range(3):
            bar.advance()
        assert not bar.shown
    assert buf.getvalue() == ""


def test_shown_on_a_terminal_after_the_delay(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    ticks = iter([0.0, 1.0, 2.5, 3.0])
    buf = FakeTTY()
    with BatchProgress(3, "extracting", stream=buf, clock=lambda: next(ticks)) as bar:
        bar.advance()
        assert not bar.shown
        bar.advance()
        assert bar.shown and bar.done == 2
        bar.advance()
    assert not bar.shown and "extracting" in buf.getvalue()


def test_switched_off_by_environment(monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_NO_PROGRESS", "1")
    assert not stream_wants_progress(FakeTTY())
