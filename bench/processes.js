/* global process, URL */
/**
 * Starting benchmark servers and running `wrk`, each pinned with `taskset` to its own core
 * (server on BENCH_SERVER_CPU, load on BENCH_LOAD_CPU) when `taskset` and two cores exist.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const canPin = hasTaskset && cpus().length >= 2;
export const SERVER_CPU = process.env.BENCH_SERVER_CPU ?? '0';
export const LOAD_CPU = process.env.BENCH_LOAD_CPU ?? '1';
export const pinning = canPin ? { server: SERVER_CPU, load: LOAD_CPU } : undefined;

function pinned(cpu, command, args) {
  return canPin ? ['taskset', ['-c', cpu, command, ...args]] : [command, args];
}

/**
 * Starts `bench/server.js` (or another build's copy of it) for one adapter and mode, with
 * `controllers` controllers (the server's default when undefined); resolves once it listens.
 * `wrapper` runs node under another command (`['valgrind', '--tool=callgrind', ...]`): the
 * process keeps its pid, so `pid` is the wrapped server's.
 */
export function startServer(adapter, mode, { nodeFlags = [], env = {}, serverScript = join(here, 'server.js'), controllers, wrapper = [] } = {}) {
  const serverArgs = [serverScript, adapter, mode, ...(controllers === undefined ? [] : [String(controllers)])];
  const nodeCommand = [...wrapper, process.execPath, ...nodeFlags, ...serverArgs];
  const [command, args] = pinned(SERVER_CPU, nodeCommand[0], nodeCommand.slice(1));
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  const pending = new Map();
  child.on('message', (message) => {
    const waiter = pending.get(message.cmd);
    if (waiter) {
      pending.delete(message.cmd);
      waiter(message);
    }
  });
  const request = (cmd) =>
    new Promise((resolve) => {
      pending.set(cmd, resolve);
      child.send({ cmd });
    });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${adapter}/${mode} exited with ${code}:\n${stderr}`)));
    pending.set('ready', ({ port }) =>
      resolve({
        adapter,
        mode,
        port,
        pid: child.pid,
        url: `http://127.0.0.1:${port}`,
        controllers,
        stats: async () => (await request('stats')).stats,
        /** Heap used after repeated full GCs (needs --expose-gc). */
        settledHeap: async () => (await request('heap')).heap,
        /** Microseconds of CPU (user + system) the server process has used so far. */
        cpuMicros: async () => {
          const { cpu } = await request('cpu');
          return cpu.user + cpu.system;
        },
        startProfile: () => request('profile-start'),
        stopProfile: async () => (await request('profile-stop')).profile,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ cmd: 'close' });
          }),
      }),
    );
  });
}

const scriptDir = mkdtempSync(join(tmpdir(), 'nestjs-cors-bench-'));
let scriptCount = 0;

/** A wrk Lua script file. */
export function luaScript(source) {
  const file = join(scriptDir, `s${scriptCount++}.lua`);
  writeFileSync(file, source);
  return file;
}

/** Lua that sends one fixed request: method, path and headers. */
export function fixedRequestScript({ method, path, headers }) {
  const fields = Object.entries(headers)
    .map(([name, value]) => `[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
    .join(', ');
  // Formatted in init(): wrk sets wrk.host (the Host header) only after loading the script.
  return luaScript(
    `local req\ninit = function(args) req = wrk.format(${JSON.stringify(method)}, ${JSON.stringify(path)}, { ${fields} }) end\nrequest = function() return req end\n`,
  );
}

const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? '32';
/** Open connections of every wrk run. */
export const CONNECTIONS_USED = Number(CONNECTIONS);

/** What a Lua script writes to stderr once it has seen all the responses it wanted. */
export const STOP_MARKER = 'BENCH-STOP';

/**
 * Runs wrk (one thread) against `url` with a Lua script; returns requests/s and status counts.
 * wrk has no request count: a script that wants one writes STOP_MARKER to stderr and stops its
 * thread, and wrk is interrupted (SIGINT makes it report at once).
 */
export function runWrk(url, script, duration) {
  const [command, args] = pinned(LOAD_CPU, 'wrk', ['-t1', `-c${CONNECTIONS}`, `-d${duration}`, '-s', script, url]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => {
      out += chunk;
      if (out.includes(STOP_MARKER)) child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const total = /(\d+) requests in/.exec(out);
      const errors = /Socket errors:(.*)/.exec(out);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
      if (code !== 0 || !rps) return reject(new Error(`wrk failed (${code}):\n${out}`));
      resolve({
        rps: Number(rps[1]),
        requests: Number(total?.[1] ?? 0),
        non2xx: Number(non2xx?.[1] ?? 0),
        socketErrors: errors ? errors[1].trim() : undefined,
        output: out,
      });
    });
  });
}
