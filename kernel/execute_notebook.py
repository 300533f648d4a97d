"""Executes one notebook through the Cajal kernel with nbclient and prints one JSON line:
{"status": "passed"|"failed"|"timeout", "seconds", "claims": {"passed", "failed", "contradicted", "notChecked"},
 "error": {"cell", "source", "ename", "evalue", "traceback"} | null}.

The executed copy (outputs included, also when a cell failed) is written to the output path.
Usage: /usr/bin/python3 kernel/execute_notebook.py IN.ipynb OUT.ipynb CELL_TIMEOUT_S
"""
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

CLAIMS_MIME = "application/vnd.cajal.claims+json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def claim_counts(nb):
    counts = {"passed": 0, "failed": 0, "contradicted": 0, "notChecked": 0}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            claims = out.get("data", {}).get(CLAIMS_MIME)
            if isinstance(claims, list):
                for c in claims:
                    holds = c.get("holds")
                    key = "passed" if holds is True else ("contradicted" if c.get("contradicts") else "failed") if holds is False else "notChecked"
                    counts[key] += 1
    return counts


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return {
                    "cell": index,
                    "source": cell.get("source", ""),
                    "ename": out.get("ename", ""),
                    "evalue": ANSI.sub("", out.get("evalue", "")),
                    "traceback": [ANSI.sub("", line) for line in out.get("traceback", [])],
                }
    return None


def main():
    src, dst, cell_timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="cajal",
        timeout=cell_timeout,
        interrupt_on_timeout=False,
        allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
    )
    started = time.time()
    status = "passed"
    error = None
    try:
        client.execute()
    except CellTimeoutError as e:
        status = "timeout"
        error = {"cell": None, "source": "", "ename": "CellTimeoutError", "evalue": str(e).splitlines()[-1] if str(e) else "", "traceback": []}
    except DeadKernelError as e:
        status = "failed"
        error = {"cell": None, "source": "", "ename": "DeadKernelError", "evalue": str(e), "traceback": []}
    except CellExecutionError:
        status = "failed"
    seconds = time.time() - started
    if status == "failed" and error is None:
        error = first_error(nb)
    if status == "timeout":
        # Point at the cell that was running: the first code cell without an execution count.
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and cell.get("execution_count") is None:
                error.update({"cell": index, "source": cell.get("source", "")})
                break
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    nbformat.write(nb, dst)
    print(json.dumps({"status": status, "seconds": round(seconds, 2), "claims": claim_counts(nb), "error": error}), flush=True)


if __name__ == "__main__":
    main()
