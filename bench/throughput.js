/* global console */
/**
 * Throughput of every mode on one adapter: each mode's server in its own process, load from
 * wrk in another, pinned to different cores. Correctness is checked before any timing; then a
 * warm-up, then rounds in which the modes take turns (rotated every round), and ratios are
 * computed within each round before taking medians.
 */
import { REPORTING_MODES } from './app.js';
import { fixedRequestScript, runWrk, startServer } from './processes.js';
import { EXPECTED, checkAnswer, scenariosFor, send } from './scenarios.js';
import { median, rotate } from './stats.js';

/** Checks every scenario on one server (as `mode`, its own by default); returns the problems found. */
export async function checkServer(server, scenarios, mode = server.mode) {
  const problems = [];
  for (const scenario of scenarios) {
    const answer = await send(server.url, scenario);
    for (const problem of checkAnswer(answer, EXPECTED[mode][scenario.id])) {
      problems.push(`${server.adapter}/${server.mode} ${scenario.id}: ${problem}`);
    }
  }
  return problems;
}

/** Whether a timed run answered with the expected status class only (a mode must not be fast by failing). */
function runProblems(mode, scenario, run) {
  const expected = EXPECTED[mode][scenario.id].status;
  const problems = [];
  if (expected < 300 && run.non2xx > 0) problems.push(`${run.non2xx} non-2xx responses`);
  if (expected >= 400 && run.non2xx !== run.requests) problems.push(`${run.requests - run.non2xx} unexpected 2xx responses`);
  if (run.socketErrors) problems.push(`socket errors: ${run.socketErrors}`);
  return problems;
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Throughput and server CPU per request of `modes` on one adapter, in an app of `controllers` controllers. */
export async function measureAdapter(adapter, modes, config, controllers) {
  const scenarios = scenariosFor(controllers);
  const tag = `${adapter}, ${controllers} controllers`;
  const scripts = new Map(scenarios.map((s) => [s.id, fixedRequestScript(s)]));
  const servers = [];
  const started = Date.now();
  for (const mode of modes) servers.push(await startServer(adapter, mode, { controllers }));
  const problems = [];
  try {
    for (const server of servers) problems.push(...(await checkServer(server, scenarios)));
    if (problems.length > 0) return { adapter, controllers, problems };
    console.log(`[${tag}] ${modes.length} servers up in ${((Date.now() - started) / 1000).toFixed(1)} s; every mode answers correctly; warming up (${config.warmup} per mode and scenario)`);
    for (const server of servers) for (const scenario of scenarios) await runWrk(server.url, scripts.get(scenario.id), config.warmup);
    const runs = {};
    const cpu = {};
    for (const scenario of scenarios) runs[scenario.id] = Object.fromEntries(modes.map((m) => [m, []]));
    for (const scenario of scenarios) cpu[scenario.id] = Object.fromEntries(modes.map((m) => [m, []]));
    for (let round = 0; round < config.rounds; round++) {
      for (const scenario of scenarios) {
        for (const server of rotate(servers, round)) {
          const cpuBefore = await server.cpuMicros();
          const run = await runWrk(server.url, scripts.get(scenario.id), config.duration);
          cpu[scenario.id][server.mode].push(((await server.cpuMicros()) - cpuBefore) / run.requests);
          for (const p of runProblems(server.mode, scenario, run)) problems.push(`${tag}: ${server.mode} ${scenario.id} round ${round + 1}: ${p}`);
          runs[scenario.id][server.mode].push(run.rps);
        }
        const line = modes.map((m) => `${m} ${fmt(runs[scenario.id][m][round])}`).join(', ');
        console.log(`[${tag}] round ${round + 1}/${config.rounds} ${scenario.id}: ${line}`);
      }
    }
    // Answers must still be right after the load (caches filled, JIT settled).
    for (const server of servers) problems.push(...(await checkServer(server, scenarios)));
    return { adapter, controllers, path: scenarios[0].path, modes, problems, scenarios: summarize(runs, cpu, modes, config.rounds) };
  } finally {
    for (const server of servers) await server.stop();
  }
}

/**
 * Medians of req/s per mode and of the per-round ratios of every mode to each baseline. The
 * same for the server's CPU time per request (user + system), whose ratios (baseline CPU /
 * mode CPU, so higher is better, as for throughput) hold up better when other processes take
 * turns on the server's core: they show the cost of the code itself.
 */
function summarize(runs, cpu, modes, rounds) {
  const result = {};
  for (const [scenarioId, byMode] of Object.entries(runs)) {
    const cpuByMode = cpu[scenarioId];
    const medians = Object.fromEntries(modes.map((m) => [m, median(byMode[m])]));
    const cpuMedians = Object.fromEntries(modes.map((m) => [m, median(cpuByMode[m])]));
    const ratios = {};
    const cpuRatios = {};
    for (const mode of modes) {
      // The reporting modes are `module` plus reporting: their cost is their ratio to `module`.
      for (const baseline of REPORTING_MODES.includes(mode) ? ['none', 'enableCors', 'module'] : ['none', 'enableCors']) {
        if (mode === baseline || !byMode[baseline]) continue;
        const perRound = [];
        const cpuPerRound = [];
        for (let r = 0; r < rounds; r++) {
          perRound.push(byMode[mode][r] / byMode[baseline][r]);
          cpuPerRound.push(cpuByMode[baseline][r] / cpuByMode[mode][r]);
        }
        ratios[`${mode}/${baseline}`] = { median: median(perRound), rounds: perRound };
        cpuRatios[`${mode}/${baseline}`] = { median: median(cpuPerRound), rounds: cpuPerRound };
      }
    }
    result[scenarioId] = { rps: byMode, medians, ratios, cpuMicrosPerRequest: cpuByMode, cpuMedians, cpuRatios };
  }
  return result;
}
