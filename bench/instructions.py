"""Instructions the pipeline executes (valgrind's callgrind): a speed figure that the machine's load does not move.

Usage: python bench/instructions.py [--rules-only] [--repeat N] [--stages]
Needs valgrind. Runs itself under callgrind with instrumentation off (load and warm-up at a few times the
normal cost), warms the pipeline on the first 20 passages as ``bench/pipeline.py`` does, then counts the
instructions of the passages of ``bench/pipeline.py``, repeated ``--repeat`` times, going through ``nlp.pipe``
and ``from_doc``; with ``--stages``, through each stage in turn as ``bench/pipeline.py`` times them (tokenizer,
every pipe, mentions, records), with the count of each stage. Two runs of the same code agree to about 0.1%,
so base and change can be run one after the other (on a 2-core machine, side by side). Under callgrind the
pipeline runs about 50 times slower: ``--repeat 2`` takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # count this checkout, not whichever copy the environment installed
POLL_SECONDS = 0.05


def _wait_for(path: Path, process: subprocess.Popen | None = None) -> None:
    while not path.exists():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the counted process ended early (exit status {process.returncode})")
        time.sleep(POLL_SECONDS)


def child(folder: Path, rules_only: bool, repeat: int, stages: bool) -> None:
    """The counted process: loads and warms the pipeline, then runs the work, marking each step's end in
    ``folder`` (``mark-K`` holds the step's name) and waiting until the counting process has read the
    counters (``ack-K``)."""
    import bench.pipeline as bench
    import extractor
    from extractor.pipeline import build_nlp

    pipeline = extractor.load()
    if rules_only:
        pipeline.nlp = build_nlp(rules_only=True)
    texts = bench.passages() * repeat
    bench.extract_all(pipeline, texts[:20])  # warm-up: lazily loaded models and caches
    if stages:
        bench.stage_times(pipeline, texts[:20])
    marks = iter(range(1_000_000))

    def mark(name: str) -> None:
        k = next(marks)
        written = folder / f"written-{k}"
        written.write_text(name, encoding="utf-8")
        written.rename(folder / f"mark-{k}")  # whole when the counting process sees it
        _wait_for(folder / f"ack-{k}")

    mark("start")
    if stages:
        bench.stage_times(pipeline, texts, done=mark)
    else:
        bench.extract_all(pipeline, texts)
        mark("pipeline")
    mark("end")


def _counted(pid: int) -> int:
    """The instructions callgrind has counted so far in the process (all its threads)."""
    out = subprocess.run(["callgrind_control", "-e", "Ir", str(pid)], capture_output=True, text=True, check=True).stdout
    return sum(int(line.split()[-1].replace(",", "")) for line in out.splitlines() if line.strip().startswith("Th "))


def count(rules_only: bool, repeat: int, stages: bool) -> dict[str, int]:
    """Instructions per step (the whole pipeline, or each stage), counted in a child process under callgrind."""
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        raise SystemExit("valgrind (with callgrind_control) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={folder / 'callgrind.out'}",
                   sys.executable, __file__, "--child", str(folder), "--repeat", str(repeat)]
        command += ["--rules-only"] * rules_only + ["--stages"] * stages
        env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same set and dict orders in every run
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        counts: dict[str, int] = {}
        try:
            _wait_for(folder / "mark-0", process)
            subprocess.run(["callgrind_control", "-i", "on", str(process.pid)], capture_output=True, check=True)
            before = _counted(process.pid)
            (folder / "ack-0").touch()
            for k in range(1, 1_000_000):
                _wait_for(folder / f"mark-{k}", process)
                name = (folder / f"mark-{k}").read_text(encoding="utf-8")
                now = _counted(process.pid)
                if name == "end":
                    (folder / f"ack-{k}").touch()
                    break
                counts[name] = now - before
                before = now
                (folder / f"ack-{k}").touch()
        finally:
            _, errors = process.communicate()
        if process.returncode:
            raise SystemExit(errors.decode(errors="replace")[-2000:])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--stages", action="store_true", help="count each stage apart")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.rules_only, args.repeat, args.stages)
        return
    counts = count(args.rules_only, args.repeat, args.stages)
    total = sum(counts.values())
    print(f"{'rules-only' if args.rules_only else 'default'} pipeline, passages x {args.repeat}: "
          f"{total:,} instructions")
    if args.stages:
        for name, n in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"  {name:32s} {n:15,}  {n / total:6.1%}")


if __name__ == "__main__":
    main()
