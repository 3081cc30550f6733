"""A bounded load test: concurrent sessions against one `streamlit run` server.

    .venv/bin/python bench/load_test.py DATABASE [--sessions 10 30] [--seconds 120]

Each session is a websocket client that speaks Streamlit's own protocol, as
the browser does: it opens a page (first render), then, until the time is up,
waits 10-20 s and changes one filter in the sidebar (a selectbox, as a leader
clicks it), or now and then opens another page. It measures each run from the
message it sends to the server's "script finished", the bytes the server sends
for it, the largest chart (rows of data, an upper bound on its marks), and
errors. The server's memory is read from /proc. Everything stops by itself.
"""

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow as pa
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).parent.parent
# The pages with figures (the glossary and the import page have none).
PAGES = ["overview", "monthly_load", "departments", "waiting_times", "repeat_contacts", "caseworker_changes",
         "dialogue_meeting", "registrations"]
# Sidebar filters a leader changes (labels as drawn by advisor/filters.py and
# the meeting page): selectboxes, the unit multiselect, the organisation view,
# the egentlige toggle and the period kind.
FILTERS = ["År", "Halvår", "Forvaltning", "Henvendelsestype", "Kanal", "Afdelinger", "Organisering",
           "Kun egentlige henvendelser", "Periode"]
# The widget kinds a session can set, and the field of the widget state each sends.
CONTROLS = {"selectbox": "string_value", "radio": "string_value", "multiselect": "string_array_value",
            "button_group": "string_array_value", "checkbox": "bool_value"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` on loopback, on the given database; or another
    app (the pandas peer, bench/peer_app.py) with its own environment."""

    def __init__(self, database: Path | None, app: Path = ROOT / "app.py", env: dict | None = None):
        self.port = free_port()
        env = dict(os.environ, **({"ADVISOR_DB": str(database)} if database else {}), **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", *(["advisor", "serve"] if app == ROOT / "app.py" else ["streamlit", "run", str(app)]),
             "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def memory_mb(self) -> dict:
        """Current and peak resident memory of the server process, in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
        return {"rss_mb": round(fields["VmRSS"]), "peak_mb": round(fields["VmHWM"])}

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def chart_rows(element) -> int:
    """Rows of data a Vega-Lite chart carries: at least as many as its marks."""
    chart = element.vega_lite_chart
    rows = 0
    for data in [chart.data, *[d.data for d in chart.datasets]]:
        if data.data:
            rows += pa.ipc.open_stream(data.data).read_all().num_rows
    return rows


def quick_ack(ws) -> None:
    """Acknowledge what arrives at once. The server's small messages go out
    one after another; with Linux's delayed acknowledgement each run would
    wait ~40 ms for the server's next packet (the same for an empty
    Streamlit page), which is the client's timing, not the app's."""
    sock = ws.transport.get_extra_info("socket")
    if sock is not None and hasattr(socket, "TCP_QUICKACK"):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


class Session:
    """One leader's browser tab, as the websocket protocol sees it."""

    def __init__(self, port: int, rng: random.Random):
        self.port, self.rng = port, rng
        self.page = rng.choice(PAGES)
        self.widgets: dict[str, tuple[str, object]] = {}  # widget id -> (kind, value as the browser sends it)
        self.controls: dict[str, tuple[str, object]] = {}  # label -> (kind, the widget as last drawn)
        self.runs: list[dict] = []

    def options(self, label: str) -> list[str]:
        kind, widget = self.controls[label]
        if kind == "button_group":
            return [o.content for o in widget.options]
        return list(widget.options) if kind != "checkbox" else [True, False]

    def current(self, label: str):
        kind, widget = self.controls[label]
        if widget.id in self.widgets:
            return self.widgets[widget.id][1]
        if kind == "checkbox":
            return widget.default
        if kind in ("multiselect", "button_group"):
            return [self.options(label)[i] for i in widget.default]
        return widget.options[widget.default] if widget.HasField("default") else None

    def set(self, label: str, value) -> None:
        """Change a control as a user does: a selectbox, radio or segmented
        control to an option (its label as drawn), a multiselect to a list of
        them, a toggle to True or False."""
        kind, widget = self.controls[label]
        if kind == "button_group" and isinstance(value, str):
            value = [value]
        self.widgets[widget.id] = (kind, value)

    def random_change(self) -> bool:
        """Change one filter drawn on the page to another of its values."""
        labels = [f for f in FILTERS if f in self.controls]
        if not labels:
            return False
        label = self.rng.choice(labels)
        kind, _ = self.controls[label]
        current = self.current(label)
        if kind == "checkbox":
            self.set(label, not current)
        elif kind == "multiselect":
            options = self.options(label)
            self.set(label, [] if current or not options else [self.rng.choice(options)])
        else:
            options = [o for o in self.options(label) if o != current and [o] != current]
            if not options:
                return False
            self.set(label, self.rng.choice(options))
        return True

    async def run(self, deadline: float, pause: tuple[float, float]) -> None:
        url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
            self.ws = ws
            await self.rerun("first")
            while time.monotonic() + pause[1] < deadline:
                await asyncio.sleep(self.rng.uniform(*pause))
                if self.rng.random() < 0.2:
                    self.page = self.rng.choice([p for p in PAGES if p != self.page])
                    await self.rerun("page")
                    continue
                if self.random_change():
                    await self.rerun("filter")

    async def rerun(self, kind: str) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.page_name = self.page
        for widget_id, (widget_kind, value) in self.widgets.items():
            w = state.widget_states.widgets.add()
            w.id = widget_id
            field = CONTROLS[widget_kind]
            if field == "string_array_value":
                w.string_array_value.data.extend(value)
            else:
                setattr(w, field, value)
        start = time.perf_counter()
        quick_ack(self.ws)
        await self.ws.send(msg.SerializeToString())
        received, largest, errors = 0, 0, []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), timeout=120)
            quick_ack(self.ws)
            received += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind_of = fwd.WhichOneof("type")
            if kind_of == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which in CONTROLS:
                    widget = getattr(element, which)
                    self.controls[widget.label] = (which, widget)
                elif which == "vega_lite_chart":
                    largest = max(largest, chart_rows(element))
                elif which == "exception":
                    errors.append(element.exception.message[:200])
            elif kind_of == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    errors.append(f"script finished with status {fwd.script_finished}")
                break
        self.runs.append({
            "kind": kind, "page": self.page, "ms": (time.perf_counter() - start) * 1000,
            "bytes": received, "largest_chart_rows": largest, "errors": errors,
        })


async def _page_runs(port: int, page: str, changes: list[tuple[str, object]]) -> list[dict]:
    session = Session(port, random.Random(0))
    session.page = page
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=60) as ws:
        session.ws = ws
        await session.rerun("first")
        seen = {frozenset()}
        chosen: dict[str, object] = {}
        for label, value in changes:
            if label not in session.controls:
                continue  # the page does not draw this filter
            session.set(label, value)
            chosen[label] = tuple(value) if isinstance(value, list) else value
            state = frozenset((k, v) for k, v in chosen.items())
            # A combination seen before would hit the result cache: run, not counted.
            await session.rerun("repeat" if state in seen else label)
            seen.add(state)
    return session.runs


def page_times(database: Path | None, page: str, changes: list[tuple[str, object]], app: Path = ROOT / "app.py",
               env: dict | None = None) -> list[dict]:
    """One page on a freshly started server: the first run (nothing cached),
    then one run per filter change; (label, option) pairs, each a value not
    chosen before, so every change misses the result cache."""
    server = Server(database, app, env)
    try:
        return asyncio.run(_page_runs(server.port, page, changes))
    finally:
        server.stop()


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


async def _load(port: int, sessions: int, seconds: float, pause: tuple[float, float], seed: int) -> list[Session]:
    deadline = time.monotonic() + seconds
    clients = [Session(port, random.Random(seed + i)) for i in range(sessions)]

    async def one(client: Session, delay: float):
        await asyncio.sleep(delay)  # leaders do not all open the page in the same millisecond
        try:
            await client.run(deadline, pause)
        except Exception as error:  # a failed session is counted, never hidden
            client.runs.append({"kind": "failed", "page": client.page, "ms": 0, "bytes": 0,
                                "largest_chart_rows": 0, "errors": [f"{type(error).__name__}: {error}"[:200]]})

    await asyncio.gather(*(one(c, random.Random(seed - i).uniform(0, pause[0])) for i, c in enumerate(clients)))
    return clients


def load_test(database: Path, sessions: int, seconds: float, pause=(10.0, 20.0), seed: int = 7) -> dict:
    """Start a server, run `sessions` concurrent sessions for `seconds`, stop it."""
    server = Server(database)
    try:
        started = server.memory_mb()
        clients = asyncio.run(_load(server.port, sessions, seconds, pause, seed))
        memory = server.memory_mb()
    finally:
        server.stop()
    runs = [r for c in clients for r in c.runs]
    first = [r["ms"] for r in runs if r["kind"] == "first"]
    reruns = [r["ms"] for r in runs if r["kind"] in ("filter", "page")]
    failed = [c for c in clients if any(r["errors"] for r in c.runs)]
    return {
        "sessions": sessions, "seconds": seconds, "pause_s": list(pause),
        "first_renders": len(first), "first_p50_ms": round(percentile(first, 50)), "first_p95_ms": round(percentile(first, 95)),
        "reruns": len(reruns), "rerun_p50_ms": round(percentile(reruns, 50)) if reruns else None,
        "rerun_p95_ms": round(percentile(reruns, 95)) if reruns else None,
        "max_kb_per_run": round(max(r["bytes"] for r in runs) / 1024, 1),
        "median_kb_per_run": round(statistics.median(r["bytes"] for r in runs) / 1024, 1),
        "largest_chart_rows": max(r["largest_chart_rows"] for r in runs),
        "failed_sessions": len(failed), "errors": sorted({e for r in runs for e in r["errors"]})[:5],
        "server_rss_mb_at_start": started["rss_mb"], "server_rss_mb_at_end": memory["rss_mb"],
        "server_peak_mb": memory["peak_mb"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database", type=Path)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--pause", type=float, nargs=2, default=[10.0, 20.0])
    args = parser.parse_args()
    for n in args.sessions:
        print(json.dumps(load_test(args.database, n, args.seconds, tuple(args.pause)), ensure_ascii=False))


if __name__ == "__main__":
    main()
