/**
 * Who holds a TCP port on this machine, so `npm run demo` can say "port 3000 is taken by pid 1234
 * (next-server)" instead of failing later with a database error. Linux only: reads the listening
 * sockets in /proc/net/tcp{,6} and finds the process whose file descriptors hold that socket's inode
 * (other users' processes are found only when running as root). Elsewhere it answers null.
 */
import { createServer } from "node:net";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export type PortOwner = { pid: number; command: string };

/** Resolves true when nothing on this machine stops us listening on `host:port`. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Inodes of sockets listening on `port` (any address), from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; column 9 is the inode.
      if (cols.length < 10 || cols[3] !== "0A") continue;
      if (Number.parseInt(cols[1]!.split(":")[1] ?? "", 16) === port) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/** A process's command line as one string (NUL separators as spaces), or its pid when unreadable. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ") || String(pid);
  } catch {
    return String(pid);
  }
}

/** The process listening on `port`, or null when none is found (or /proc cannot tell). */
export function portOwner(port: number): PortOwner | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link = "";
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(link);
      if (match && inodes.has(match[1]!)) return { pid: Number(pid), command: commandOf(Number(pid)) };
    }
  }
  return null;
}

/** True when a process with this pid exists (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
