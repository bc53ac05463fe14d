#!/usr/bin/env python3
"""Run a toolkit task plan on a Ray cluster, then build the leaderboards.

    toolkit bench zigzag arrhythmia --detectors iforest,hbos --runs 3 --plan plan.jsonl
    python3 ray_run_plan.py plan.jsonl --address auto --toolkit /path/to/toolkit

Each unit of the plan (one JSON line: a dataset, one detector run, or the leaderboards) becomes
one `@ray.remote` task that runs `toolkit run-task PLAN --index I` in the plan's folder, with the
unit's CPU count, after the units it needs (their results are passed as arguments, so Ray orders
them), retried on failure (a worker that dies, a non-zero exit). Units are idempotent (the
toolkit skips a unit whose outputs exist and verify, and writes atomically), so a retry or a
duplicate is harmless. The scheduling is Ray's; this script only translates the plan.

The work folder must be visible at the same path from every node (a shared file system), and
every node must run the same toolkit binary (the plan records its build). Each unit runs with
OPENBLAS_NUM_THREADS = its CPU count (1) unless the driver's environment sets it: make the plan
(and any sequential bench to compare with) under the same value, since the last bits of the BLAS
detectors' scores depend on it, and a plan with a machine-dependent detector is bound to it.

Exit status: 0 when every unit finished; 1 when some failed after their retries (listed);
2 for bad arguments.
"""
import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

STARTED = time.time()  # before Ray's import (about a second), which the timeline includes

import ray


def read_plan(path):
    tasks = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                task = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: not JSON ({error}); expected a plan from toolkit bench --plan")
            if task.get("index") != len(tasks):
                sys.exit(f"{path}:{number}: index {task.get('index')} where its place says {len(tasks)}")
            tasks.append(task)
    if not tasks:
        sys.exit(f"{path}: the plan has no tasks")
    return tasks


def _die_with_parent():
    """In the child: get SIGTERM when the Ray worker that started us dies, so that a killed
    worker does not leave a toolkit process behind (the toolkit removes its temporaries on
    SIGTERM)."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@ray.remote
def run_unit(toolkit, plan, index, cwd, env, *needed):
    """One unit: `toolkit run-task PLAN --index I` in the plan's folder. `needed` holds the
    results of the units this one needs; Ray starts it only once they have finished."""
    started = time.time()
    # wait4 on this one child gives its own CPU time (all its threads), whatever else the worker
    # process runs; its output goes to temporary files, read once it has exited.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([toolkit, "run-task", plan, "--index", str(index), "--quiet"], cwd=cwd, env=env,
                                 stdout=out, stderr=err, preexec_fn=_die_with_parent)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    finished = time.time()
    if child.returncode != 0:
        raise RuntimeError(f"unit {index}: toolkit exited {child.returncode}: {stderr.strip()}")
    return {"index": index, "line": stdout.strip(), "seconds": round(finished - started, 3),
            "cpu": round(usage.ru_utime + usage.ru_stime, 3), "node": ray.get_runtime_context().get_node_id(),
            "worker": os.getpid(), "started": started, "finished": finished}


def size_of(path):
    """Bytes in a file or a folder (0 when it is not there)."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plan", help="the plan file (toolkit bench ... --plan FILE)")
    parser.add_argument("--address", default="auto", help="the Ray cluster (default: auto, the running cluster)")
    parser.add_argument("--toolkit", default="toolkit", help="the toolkit binary on the workers (default: toolkit on PATH)")
    parser.add_argument("--retries", type=int, default=3, help="retries of a failed unit (default 3)")
    parser.add_argument("--timeline", metavar="FILE",
                        help="write one JSON line per finished unit: its index, id, node, worker (process id), "
                             "start and end (seconds after this script started, by each node's clock) and CPU "
                             "seconds, to see where the time went")
    args = parser.parse_args()

    plan = os.path.abspath(args.plan)
    toolkit = args.toolkit
    if os.sep in toolkit:
        toolkit = os.path.abspath(toolkit)
    tasks = read_plan(plan)
    ray.init(address=args.address, log_to_driver=False, logging_level="ERROR")
    connected = time.time()

    # Stage by stage (a plan's units come after the units they need, the stages in order).
    # Within a stage, longest first (two workers finish together more often when the long runs
    # start early): the detector runs whose work grows faster than the rows (the plan's `work`:
    # `superlinear` for knn, ocsvm, the neural detectors) before the others, and within each
    # group the largest inputs first. The inputs' sizes are known once the previous stage has
    # finished, so the driver waits for it before submitting the next. The order changes no
    # result, only when each unit runs.
    started = time.time()
    refs = {}
    for stage in sorted({t["stage"] for t in tasks}):
        units = [t for t in tasks if t["stage"] == stage]
        if refs:
            ray.wait(list(refs.values()), num_returns=len(refs), fetch_local=False)
        units.sort(key=lambda t: (t.get("work") != "superlinear",
                                  -sum(size_of(os.path.join(t["cwd"], p)) for p in t["inputs"])))
        for task in units:
            needed = [refs[i] for i in task["needs"]]
            options = {"num_cpus": task["cpus"], "max_retries": args.retries, "retry_exceptions": True}
            # OpenBLAS threads: the driver's OPENBLAS_NUM_THREADS if set, else the unit's CPUs (what
            # Ray reserves for it; pca, knn, ocsvm and the neural detectors' last bits depend on it).
            env = dict(os.environ, OPENBLAS_NUM_THREADS=os.environ.get("OPENBLAS_NUM_THREADS", str(task["cpus"])))
            refs[task["id"]] = run_unit.options(**options).remote(toolkit, plan, task["index"], task["cwd"], env, *needed)

    failed = []
    pending = {ref: task for task, ref in ((t, refs[t["id"]]) for t in tasks)}
    done = 0
    wall = cpu = 0.0
    timeline = []
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        task = pending.pop(ready[0])
        try:
            result = ray.get(ready[0])
            done += 1
            wall += result["seconds"]
            cpu += result["cpu"]
            timeline.append({"index": task["index"], "id": task["id"], "node": result["node"], "worker": result["worker"],
                             "start": round(result["started"] - STARTED, 3), "end": round(result["finished"] - STARTED, 3),
                             "cpu": result["cpu"]})
            print(f"[{done}/{len(tasks)}] {result['line']}", flush=True)
        except Exception as error:  # a unit failed after its retries (or a unit it needs did)
            failed.append((task, error))
            print(f"FAILED {task['id']}: {str(error).splitlines()[-1] if str(error) else error}", file=sys.stderr, flush=True)
    print(f"{done} of {len(tasks)} units finished in {time.time() - started:.1f} s "
          f"(Ray imported and connected in {connected - STARTED:.1f} s; the units' wall time in the workers "
          f"adds up to {wall:.1f} s, their CPU time to {cpu:.1f} s)", flush=True)
    if args.timeline:
        with open(args.timeline, "w", encoding="utf-8") as f:
            for entry in sorted(timeline, key=lambda e: e["start"]):
                f.write(json.dumps(entry, sort_keys=True) + "\n")
    # Disconnect here rather than at the interpreter's exit, where Ray's own exit hook first
    # sleeps 0.5 s so that the workers' log lines can still reach the driver, which
    # log_to_driver=False has turned off (about 0.9 s after the last line, against 0.5 s).
    ray.shutdown()
    if failed:
        print(f"{len(failed)} units failed: " + ", ".join(t["id"] for t, _ in failed[:5]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
