"""Drives the Cajal kernel through a real Jupyter client (jupyter_client) and prints one JSON line
per check: {"check": name, "ok": bool, "detail": str}. test/kernel.test.ts turns them into tests.

Run: JUPYTER_PATH=<repo>/kernel/jupyter /usr/bin/python3 test/kernel/protocol_check.py
"""
import json
import os
import queue
import signal
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 60


def report(check, ok, detail=""):
    print(json.dumps({"check": check, "ok": bool(ok), "detail": str(detail)[:2000]}), flush=True)


def run(kc, code, stop_on_error=True, timeout=TIMEOUT):
    """Executes code; returns (reply content, [iopub messages for it])."""
    msg_id = kc.execute(code, stop_on_error=stop_on_error)
    outputs = []
    deadline = time.time() + timeout
    reply = None
    idle = False
    while time.time() < deadline and not (reply and idle):
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
            if msg["parent_header"].get("msg_id") == msg_id:
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                else:
                    outputs.append(msg)
        except queue.Empty:
            pass
        if reply is None:
            try:
                r = kc.get_shell_msg(timeout=0.05)
                if r["parent_header"].get("msg_id") == msg_id:
                    reply = r["content"]
            except queue.Empty:
                pass
    return reply, outputs


def interrupt_until_reply(km, kc, msg_id):
    """Interrupts until the request's reply comes, as a user presses interrupt again: on a loaded
    machine the first signal can arrive while the cell is still being compiled, where it does nothing."""
    deadline = time.time() + TIMEOUT
    next_interrupt = time.time() + 1.0
    while time.time() < deadline:
        if time.time() >= next_interrupt:
            km.interrupt_kernel()
            next_interrupt = time.time() + 2.0
        try:
            r = kc.get_shell_msg(timeout=0.2)
            if r["parent_header"].get("msg_id") == msg_id:
                return r["content"]["status"]
        except queue.Empty:
            pass
    return None


def kinds(outputs):
    return [m["msg_type"] for m in outputs]


def main():
    km = KernelManager(kernel_name="cajal")
    km.start_kernel(cwd=HERE)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    try:
        checks(km, kc)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def checks(km, kc):
    # Sockets bind only to the connection file's address.
    ip = km.ip
    ports = {km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port}
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    local, state = line.split()[1], line.split()[3]
                    addr, port = local.split(":")
                    if state == "0A" and int(port, 16) in ports:
                        listening.append((table, addr, int(port, 16)))
        except FileNotFoundError:
            pass
    loopback_hex = "0100007F"
    report("sockets bind only to the connection file's address",
           ip == "127.0.0.1" and len(listening) == len(ports) and all(a == loopback_hex for _, a, _ in listening),
           f"ip={ip} listening={listening}")

    reply, out = run(kc, "1 + 1")
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("a plain last value prints as tslab prints it", reply["status"] == "ok" and text.strip() == "2", text)

    reply, out = run(kc, "cajal.mode()")
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("the prelude puts the cajal namespace in every cell", reply["status"] == "ok" and "quick" in text, f"{reply} {text}")

    reply, out = run(kc, 'import * as cajal from "cajal";\nimport { mode } from "cajal";\nmode()')
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("a document notebook may import cajal explicitly after the prelude", reply["status"] == "ok" and "quick" in text, f"{reply} {text}")

    run(kc, "const earlier = 5;")
    reply, out = run(kc, "({ earlier })")
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("a shorthand property can name a variable of an earlier cell", reply["status"] == "ok" and "earlier: 5" in text, f"{reply} {text}")

    reply, out = run(kc, 'throw new RangeError("boom")')
    errs = [m["content"] for m in out if m["msg_type"] == "error"]
    report("a thrown error gives an error reply with ename, evalue and traceback",
           reply["status"] == "error" and reply.get("ename") == "RangeError" and reply.get("evalue") == "boom"
           and len(reply.get("traceback", [])) > 0 and errs and errs[0]["ename"] == "RangeError",
           json.dumps(reply)[:500])

    reply, out = run(kc, 'const typed: string = 1;')
    report("a type error gives a TypeScriptError naming the line and the message",
           reply["status"] == "error" and reply.get("ename") == "TypeScriptError"
           and "not assignable to type 'string'" in reply.get("evalue", "") and reply["evalue"].startswith("1:"),
           json.dumps(reply)[:500])

    # Continue after an error: with stop_on_error=False the next request, sent at once, still runs.
    id1 = kc.execute('throw new Error("first")', stop_on_error=False)
    id2 = kc.execute('"second ran"', stop_on_error=False)
    replies = {}
    deadline = time.time() + TIMEOUT
    while len(replies) < 2 and time.time() < deadline:
        try:
            r = kc.get_shell_msg(timeout=0.5)
            replies[r["parent_header"]["msg_id"]] = r["content"]
        except queue.Empty:
            pass
    report("cells after an error still run when the client allows errors",
           replies.get(id1, {}).get("status") == "error" and replies.get(id2, {}).get("status") == "ok",
           json.dumps({k[:6]: v.get("status") for k, v in replies.items()}))
    # drain iopub
    while True:
        try:
            kc.get_iopub_msg(timeout=0.3)
        except queue.Empty:
            break

    # Interrupt a busy loop by signal; the kernel survives and keeps earlier state.
    run(kc, "const survivor = 41;")
    msg_id = kc.execute("while (true) {}")
    status = interrupt_until_reply(km, kc, msg_id)
    reply, out = run(kc, "survivor + 1")
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("interrupt stops while(true){} and the kernel survives", status == "error" and text.strip() == "42",
           f"status={status} after={text!r}")

    msg_id = kc.execute("await new Promise(() => {})")
    status = interrupt_until_reply(km, kc, msg_id)
    reply, _ = run(kc, "1")
    report("interrupt stops a never-settling await", status == "error" and reply["status"] == "ok", f"status={status}")

    # A badly signed execute_request is dropped: nothing runs, no reply.
    marker = os.path.join(tempfile.mkdtemp(), "executed")
    bad = Session(key=b"not-the-key", username="attacker")
    bad_msg = bad.msg("execute_request", {"code": f'require("fs").writeFileSync({json.dumps(marker)}, "x")',
                                          "silent": False, "store_history": True, "user_expressions": {},
                                          "allow_stdin": False, "stop_on_error": True})
    bad.send(kc.shell_channel.socket, bad_msg)
    got_reply = False
    deadline = time.time() + 2.0
    while time.time() < deadline:
        try:
            r = kc.get_shell_msg(timeout=0.3)
            if r["parent_header"].get("msg_id") == bad_msg["header"]["msg_id"]:
                got_reply = True
        except queue.Empty:
            pass
    reply, _ = run(kc, "2 + 2")
    report("a badly signed execute_request is rejected and not executed",
           not os.path.exists(marker) and not got_reply and reply["status"] == "ok",
           f"marker exists={os.path.exists(marker)} reply={got_reply}")

    # A rich last value: every MIME type of toMimeBundle(), as execute_result.
    reply, out = run(kc, '({ toMimeBundle: () => ({ "text/html": "<b>rich</b>", "text/plain": "rich", "application/json": { n: 3 } }) })')
    results = [m["content"] for m in out if m["msg_type"] == "execute_result"]
    report("a value with toMimeBundle() renders as an execute_result with every MIME type",
           reply["status"] == "ok" and results and results[0]["data"].get("text/html") == "<b>rich</b>"
           and results[0]["data"].get("application/json") == {"n": 3} and results[0]["execution_count"] == reply["execution_count"],
           json.dumps(results)[:500])

    reply, out = run(kc, 'new cajal.Plot({ data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }, mark: "line", encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } })')
    results = [m["content"] for m in out if m["msg_type"] == "execute_result"]
    data = results[0]["data"] if results else {}
    report("a Plot as last value carries vega-lite JSON and a server-rendered SVG",
           isinstance(data.get("application/vnd.vegalite.v5+json"), dict) and str(data.get("image/svg+xml", "")).startswith("<svg"),
           list(data.keys()))

    # A progress bar updates in place with update_display_data and a display_id.
    reply, out = run(kc, 'const bar = cajal.progress(5, "work"); for (let i = 0; i < 5; i++) { await new Promise((r) => setTimeout(r, 120)); bar.tick(); } bar.close();')
    displays = [m for m in out if m["msg_type"] == "display_data"]
    updates = [m for m in out if m["msg_type"] == "update_display_data"]
    ids = {m["content"].get("transient", {}).get("display_id") for m in displays + updates}
    report("progress() updates one display in place through update_display_data",
           reply["status"] == "ok" and len(displays) == 1 and len(updates) >= 2 and len(ids) == 1 and None not in ids
           and "done" in updates[-1]["content"]["data"]["text/plain"],
           f"displays={len(displays)} updates={len(updates)} ids={ids}")

    # A cell that blocks the event loop while updating a progress bar and printing: every message
    # must still go out, in order, once the loop is free (ZeroMQ allows one send at a time).
    reply, out = run(kc, 'const busyBar = cajal.progress(30, "blocking work"); for (let i = 0; i < 30; i++) { const until = Date.now() + 40; while (Date.now() < until) {} busyBar.tick(); for (let j = 0; j < 200; j++) console.log(`line ${i}.${j}`); } busyBar.close();')
    updates = [m for m in out if m["msg_type"] == "update_display_data"]
    lines = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    report("a blocking cell with many progress updates and prints keeps the kernel alive and loses no message",
           reply is not None and reply["status"] == "ok" and len(updates) >= 5 and "done" in updates[-1]["content"]["data"]["text/plain"]
           and all(f"line {i}.{j}\n" in lines for i in range(30) for j in range(200)),
           f"reply={reply and reply.get('status')} updates={len(updates)} lines={lines.count('line')}")
    reply, _ = run(kc, "1")
    report("the kernel answers after a burst of messages", reply is not None and reply["status"] == "ok", str(reply))

    # display() sends explicit output now.
    reply, out = run(kc, 'await cajal.display({ toMimeBundle: () => ({ "text/plain": "shown" }) }); "after"')
    kinds_seen = kinds(out)
    report("display() sends a display_data before the cell's last value",
           reply["status"] == "ok" and "display_data" in kinds_seen and kinds_seen.index("display_data") < kinds_seen.index("stream"),
           kinds_seen)

    # A failing claim fails the cell with a ClaimError after showing the table.
    reply, out = run(kc, 'const one: number = 1; cajal.claims([{ name: "one is two", measured: one, expected: "2", holds: one === 2 }])')
    shown = [m["content"]["data"] for m in out if m["msg_type"] == "display_data"]
    report("claims() shows the table and a failing claim fails the cell with ClaimError",
           reply["status"] == "error" and reply.get("ename") == "ClaimError" and shown
           and shown[0].get("application/vnd.cajal.claims+json", [{}])[0].get("holds") is False,
           json.dumps(reply)[:300])


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report, so the Node test shows what broke
        report("the kernel protocol checks ran to the end", False, repr(e))
        sys.exit(1)
    report("the kernel protocol checks ran to the end", True)
