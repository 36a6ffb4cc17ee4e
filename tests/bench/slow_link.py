"""slow_link.py DELAY_MS COMMAND...: runs COMMAND on a pseudo-terminal of its own and relays every byte between it
and this terminal DELAY_MS late, each way: a terminal at the far end of a slow SSH link, for run.sh row 5."""
import os, pty, sys, select, time, heapq, fcntl, termios, struct, tty
delay = float(sys.argv[1]) / 1000.0
cmd = sys.argv[2:]
size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
pid, master = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
fcntl.ioctl(master, termios.TIOCSWINSZ, size)
tty.setraw(0)
queue = []  # (due, seq, fd, data)
seq = 0
while True:
    timeout = max(0, queue[0][0] - time.time()) if queue else None
    r, _, _ = select.select([0, master], [], [], timeout)
    now = time.time()
    for fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            if fd == master:
                sys.exit(0)
            continue
        target = master if fd == 0 else 1
        heapq.heappush(queue, (now + delay, seq, target, data)); seq += 1
    while queue and queue[0][0] <= time.time():
        _, _, target, data = heapq.heappop(queue)
        os.write(target, data)
