#!/usr/bin/env python3
"""Key-to-screen latency and UI render cost of `thaw workbench` under training load.

Not a test: a benchmark to run by hand (see the workbench note for the figures).

    python3 latency.py THAW EXPERIMENT.yaml [--backbones DIR] [--keys 100] [--hog]

Runs the workbench in a private tmux server at 120x40 with THAW_LATENCY_LOG set, starts
training, then:
  1. render cost: 15 s on the Train screen with no keys; the UI (main) thread's CPU time
     from /proc/PID/task/PID/stat over wall time, and the frame rate from the log;
  2. latency: N keys switching screens at random intervals (50-150 ms). External: from
     `tmux send-keys` to the new screen's marker appearing in `capture-pane` (includes
     tmux and polling, so an upper bound). Internal: from `readKey` returning to the frame
     being flushed, from the log.
--hog adds a busy process so both cores are saturated (trainer + hog + UI on 2 cores).
"""
import argparse, os, random, subprocess, sys, tempfile, time

MARKERS = {"1": "┏ Backbones", "2": "Target data", "3": "Freeze plan", "4": "Optimizer and schedule",
           "5": "Gradient norm per layer", "6": "┏ Warnings", "7": "Differences from the current"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("thaw")
    ap.add_argument("experiment")
    ap.add_argument("--backbones")
    ap.add_argument("--keys", type=int, default=100)
    ap.add_argument("--hog", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="thaw-latency-")
    log = os.path.join(work, "latency.log")
    server = f"thaw-latency-{os.getpid()}"

    def tmux(*args):
        return subprocess.run(["tmux", "-L", server, *args], capture_output=True, text=True).stdout

    def capture():
        return tmux("capture-pane", "-p")

    def wait(predicate, timeout=30):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate(capture()):
                return True
            time.sleep(0.002)
        return False

    extra = f" --backbones {a.backbones}" if a.backbones else ""
    command = (f"exec env THAW_LATENCY_LOG={log} XDG_STATE_HOME={work} TERM=tmux-256color LANG=C.UTF-8 "
               f"{a.thaw} workbench {a.experiment}{extra}")
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", command)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if a.hog else None
    try:
        pid = int(tmux("display-message", "-p", "#{pane_pid}").strip())
        assert wait(lambda s: "Backbones" in s), capture()
        tmux("send-keys", "s")
        assert wait(lambda s: "samples/s" in s, 60), capture()
        # 1. Render cost on the Train screen while it trains.
        ticks = os.sysconf("SC_CLK_TCK")

        def ui_cpu():
            fields = open(f"/proc/{pid}/task/{pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks

        c0, t0 = ui_cpu(), time.monotonic()
        time.sleep(15)
        c1, t1 = ui_cpu(), time.monotonic()
        print(f"UI thread CPU on the Train screen while training: {100 * (c1 - c0) / (t1 - t0):.2f}% of a core")
        # 2. Latency.
        external = []
        current = "5"
        for _ in range(a.keys):
            key = random.choice([k for k in MARKERS if k != current])
            start = time.perf_counter()
            tmux("send-keys", key)
            if not wait(lambda s: MARKERS[key] in s, 5):
                print("timeout waiting for screen", key, file=sys.stderr)
                continue
            external.append(1000 * (time.perf_counter() - start))
            current = key
            time.sleep(random.uniform(0.05, 0.15))
        tmux("send-keys", "q")
        wait(lambda s: "Quit Thaw?" in s, 5)
        tmux("send-keys", "y")
        time.sleep(2.5)
    finally:
        if hog:
            hog.terminate()
        tmux("kill-server")
    internal = [float(line.split()[2]) for line in open(log) if line.startswith("key ")]
    summary = [line for line in open(log) if line.startswith("summary")]

    def pct(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

    for name, values in [("external (send-keys -> capture-pane)", external), ("internal (readKey -> flush)", internal)]:
        print(f"{name}: n={len(values)} p50={pct(values, 50):.1f} ms p99={pct(values, 99):.1f} ms max={max(values):.1f} ms")
    print("".join(summary).strip())


if __name__ == "__main__":
    main()
