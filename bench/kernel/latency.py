"""Measures a Jupyter kernel through jupyter_client: start → ready, a trivial cell, and a plot cell.
Prints one JSON object: {"start_s", "trivial_s", "plot_s"} (medians over --reps).

usage: JUPYTER_PATH=... /usr/bin/python3 bench/kernel/latency.py KERNEL_NAME CWD PLOT_CODE_FILE --reps N
"""
import json
import queue
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def execute(kc, code, timeout=120):
    msg_id = kc.execute(code)
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            reply = kc.get_shell_msg(timeout=1)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"cell failed: {reply['content']}")
            return
    raise TimeoutError(code)


def main():
    name, cwd, plot_file = sys.argv[1], sys.argv[2], sys.argv[3]
    reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 3
    # The file may start with a setup part (imports) separated from the timed cell by a line "//---".
    setup_code, _, plot_code = open(plot_file).read().rpartition("//---\n")
    starts, trivial, plots = [], [], []
    for _ in range(reps):
        km = KernelManager(kernel_name=name)
        t0 = time.perf_counter()
        km.start_kernel(cwd=cwd)
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        execute(kc, "0")  # the first cell pays for compiler warm-up in both kernels
        starts.append(time.perf_counter() - t0)
        for _ in range(10):
            t = time.perf_counter()
            execute(kc, "1 + 1")
            trivial.append(time.perf_counter() - t)
        if setup_code.strip():
            execute(kc, setup_code)
        execute(kc, plot_code)  # warm-up: the first plot loads vega in both kernels
        for _ in range(3):
            t = time.perf_counter()
            execute(kc, plot_code)
            plots.append(time.perf_counter() - t)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps({"start_s": statistics.median(starts), "trivial_s": statistics.median(trivial), "plot_s": statistics.median(plots)}))


if __name__ == "__main__":
    main()
