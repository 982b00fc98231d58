"""Ending like other command-line tools (issue 11, item 5): a reader that goes away (`| head -1`)
ends the run quietly, with the status of a program killed by SIGPIPE; Ctrl-C exits 130."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_a_closed_pipe_ends_quietly():
    # more output than a pipe holds (64 KB), so that writing fails after the reader left
    script = "import sys; from ucheck.cli import main; sys.exit(main(['report', '--format', 'sarif']))"  # ~100 KB
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.readline()
        proc.stdout.close()  # like `head -1`
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
        assert "Traceback" not in err and "internal error" not in err and "BrokenPipe" not in err, err
        assert code in (0, 141)  # 0 if everything was written before the reader left


def test_ctrl_c_exits_130(monkeypatch, capsys):
    from ucheck import cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    assert cli.main(["rules"]) == 130
    assert "Traceback" not in capsys.readouterr().err


def test_writing_into_a_closed_pipe_is_not_an_internal_error(monkeypatch, capsys):
    import os

    from ucheck import cli

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone: every write fails with EPIPE (Python ignores SIGPIPE)
    closed = os.fdopen(write_end, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", closed)
    try:
        assert cli.main(["rules"]) == 141
    finally:
        monkeypatch.undo()
        try:
            closed.close()
        except OSError:
            pass
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err
