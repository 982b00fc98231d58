"""Scale benchmark: `ucheck check` on synthetic corpora of N articles, next to the parse floor.

    python benchmarks/scale.py [--sizes 100 1000 10000] [--repeat 1] [--workdir DIR] [--profile]

For each N it generates (once: corpora are cached in ``--workdir``, by default
``$TMPDIR/ucheck-scale``) a corpus of N articles of ~50 figures with their seeds
(benchmarks/generate_corpus.py), then times, each as a fresh subprocess of this Python:

* ``ucheck check --root CORPUS --exit-zero`` (findings to /dev/null), wall time;
* the **parse floor**: a process that reads every curated file and ``yaml.load``s it with PyYAML's C
  loader (``yaml.CSafeLoader``) — nothing else.

Peak memory is each child's own maximum resident set size (``os.wait4``'s rusage). The table gives
N, articles' figures, curated MB, ucheck s, parse floor s, their ratio and both peaks; then the
growth exponent between successive sizes (time ∝ N^k: k ≈ 1 is linear) and the targets of the
issue (at N = 10,000: ucheck ≤ 2 × the floor, peak ≤ 2 GB; between the two largest sizes k ≤ 1.15).
Exit status 1 if a target is missed. ``--profile`` also runs ucheck under cProfile on the largest
corpus and prints the 30 most expensive functions (own time).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate_corpus  # noqa: E402

FLOOR = """
import sys, yaml
from pathlib import Path
n = 0
for p in sorted(Path(sys.argv[1]).glob("*.yaml")):
    with open(p, "rb") as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    n += 1
print(n)
"""


def corpus_dir(workdir: Path, n: int, figures: int) -> Path:
    """Generate (or reuse) the corpus of ``n`` articles; keyed by the generator's source and the
    vocabulary it draws from (rules/metrics.yaml, rules/lexicon.yaml)."""
    h = hashlib.sha1((HERE / "generate_corpus.py").read_bytes())
    for name in ("metrics.yaml", "lexicon.yaml"):
        f = ROOT / "rules" / name
        if f.exists():
            h.update(f.read_bytes())
    d = workdir / f"n{n}-f{figures}-{h.hexdigest()[:10]}"
    done = d / ".complete"
    if not done.exists():
        if d.exists():
            import shutil

            shutil.rmtree(d)
        t = time.perf_counter()
        info = generate_corpus.generate(d, n, figures)
        done.write_text(json.dumps(info))
        print(f"  generated {n} articles in {time.perf_counter() - t:.1f} s -> {d}", file=sys.stderr)
    return d


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit status) of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err}")
    return wall, usage.ru_maxrss / 1024, proc.returncode


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    p.add_argument("--figures", type=int, default=50, help="figures per article (default 50)")
    p.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest is kept")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ucheck-scale")
    p.add_argument("--profile", action="store_true", help="cProfile ucheck on the largest corpus")
    a = p.parse_args(argv)

    py = sys.executable
    rows = []
    for n in a.sizes:
        d = corpus_dir(a.workdir, n, a.figures)
        info = json.loads((d / ".complete").read_text())
        best_u = best_f = (math.inf, 0.0, 0)
        for _ in range(a.repeat):
            f = measure([py, "-c", FLOOR, str(d / "curated")])
            u = measure([py, "-m", "ucheck", "check", "--root", str(d), "--exit-zero"], cwd=d)
            best_f, best_u = min(best_f, f), min(best_u, u)
        rows.append((n, info["figures"], info["curated_bytes"] / 1e6, best_u[0], best_f[0], best_u[1], best_f[1]))
        print(f"  N={n}: ucheck {best_u[0]:.2f} s, floor {best_f[0]:.2f} s", file=sys.stderr)

    empty = a.workdir / "empty"
    (empty / "curated").mkdir(parents=True, exist_ok=True)
    start = min(measure([py, "-m", "ucheck", "check", "--root", str(empty), "--exit-zero"], cwd=empty)[0] for _ in range(3))
    print(f"\nucheck on an empty corpus (interpreter, pandas, pandera, rules): {start:.2f} s")
    print(f"\n{'N':>7} | {'figures':>8} | {'YAML MB':>7} | {'ucheck s':>8} | {'parse floor s':>13} | {'ratio':>5} | {'peak RSS MB':>11} | {'floor RSS MB':>12}")
    print("-" * 96)
    for n, figs, mb, u, f, rss, frss in rows:
        print(f"{n:>7} | {figs:>8} | {mb:>7.1f} | {u:>8.2f} | {f:>13.2f} | {u / f:>5.2f} | {rss:>11.0f} | {frss:>12.0f}")
    ok = True
    exps = []
    for (n1, *_r1), (n2, *_r2) in zip(rows, rows[1:]):
        k = math.log(_r2[2] / _r1[2]) / math.log(n2 / n1)
        exps.append(k)
        print(f"growth {n1} -> {n2}: time ∝ N^{k:.2f}")
    n, _, _, u, f, rss, _ = rows[-1]
    checks = []
    if n >= 10_000:
        checks += [(f"ucheck ≤ 2 × parse floor at N={n}", u <= 2 * f, f"{u / f:.2f} ×"),
                   (f"peak memory ≤ 2 GB at N={n}", rss <= 2048, f"{rss:.0f} MB")]
    else:
        print(f"(the time and memory targets are for N = 10,000; at N={n} the fixed start of ucheck weighs on the ratio)")
    if exps:
        checks.append(("linear growth (exponent ≤ 1.15 between the two largest sizes)", exps[-1] <= 1.15, f"N^{exps[-1]:.2f}"))
    print()
    for what, good, got in checks:
        ok &= good
        print(f"{'PASS' if good else 'FAIL'}  {what}: {got}")

    if a.profile:
        d = corpus_dir(a.workdir, a.sizes[-1], a.figures)
        prof = a.workdir / "ucheck.prof"
        subprocess.run([py, "-m", "cProfile", "-o", str(prof), "-m", "ucheck", "check", "--root", str(d), "--exit-zero"],
                       cwd=d, stdout=subprocess.DEVNULL, check=True)
        import pstats

        print(f"\nprofile of ucheck check on N={a.sizes[-1]} ({prof}), by own time:")
        pstats.Stats(str(prof)).sort_stats("tottime").print_stats(30)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
