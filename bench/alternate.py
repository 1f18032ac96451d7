"""Commands run turn about, N rounds, so that the load of a shared machine weighs on
each alike: per command the median (min-max) wall time and CPU time (user + system of
the child and its threads, getrusage, microseconds: /usr/bin/time rounds to 10 ms,
too coarse for a 250 ms start). Python, not node: Node gives no child's rusage.

    python3 bench/alternate.py N "COMMAND 1" "COMMAND 2" ...
"""
import resource
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
commands = sys.argv[2:]
wall = [[] for _ in commands]
cpu = [[] for _ in commands]
for _ in range(rounds):
    for k, command in enumerate(commands):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, check=False)
        ended = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[k].append((ended - started) * 1000)
        cpu[k].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
for k, command in enumerate(commands):
    print(f"wall {statistics.median(wall[k]):.0f} ms ({min(wall[k]):.0f}-{max(wall[k]):.0f})  cpu {statistics.median(cpu[k]):.0f} ms ({min(cpu[k]):.0f}-{max(cpu[k]):.0f})  {command}")
