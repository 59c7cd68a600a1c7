#!/usr/bin/env node
/* global console, process */
/**
 * The public API report: one docs/api/<name>.api.md per entry point of package.json `exports`,
 * made by API Extractor from the built ESM declarations (`npm run build` first).
 *
 * Usage: `node test/api/report.mjs` writes the reports (`npm run api`); with `--check` (`.ci/run`)
 * it fails when a report differs from the build, when one is missing or left over, when a
 * declaration the API names is not exported (unless listed in HIDDEN below), and when an exported
 * symbol has no doc comment or no `@publicApi`.
 *
 * API Extractor analyses with its own TypeScript (a pinned dependency of it, checked below to be
 * the project's version), configured here rather than from tsconfig.json, whose folders and
 * options are the sources'. test/api/tsdoc.json defines Nest's `@publicApi` tag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const requireHere = createRequire(import.meta.url);
const requireExtractors = createRequire(requireHere.resolve('@microsoft/api-extractor'));
/** API Extractor's own TSDoc config loader (by itself it looks for tsdoc.json only beside a tsconfig.json or package.json). */
const { TSDocConfigFile } = requireExtractors('@microsoft/tsdoc-config');

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const reportFolder = join(repo, 'docs/api');
const check = process.argv.includes('--check');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/**
 * Declarations a public signature names but no entry point exports, each on purpose. Anything
 * else the API names must be exported (or this list extended, with the reason).
 */
const HIDDEN = {
  CheckedCorsPolicy: "the compile-time checks of `@Cors()` options: users write options, never this type",
  CheckedCorsModuleOptions: 'the compile-time checks of `CorsModule.forRoot()` options: users write options, never this type',
};

/** Entry points from package.json: `.` -> nestjs-cors, `./redis` -> nestjs-cors/redis (report nestjs-cors-redis.api.md). */
const entries = Object.entries(manifest.exports)
  .filter(([, target]) => typeof target === 'object' && target.import?.types)
  .map(([subpath, target]) => {
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    return { specifier, declarations: join(repo, target.import.types), report: specifier.replace('/', '-') };
  });

const problems = [];

/** One entry point through API Extractor; returns the exported names (from the doc model). */
function extract(entry, temp, rootNames) {
  if (!existsSync(entry.declarations)) {
    problems.push(`${entry.declarations} is missing: run \`npm run build\` first`);
    return [];
  }
  const apiJson = join(temp, `${entry.report}.api.json`);
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: here,
      mainEntryPointFilePath: entry.declarations,
      newlineKind: 'lf',
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2022'],
            types: ['node'],
            strict: true,
            experimentalDecorators: true,
            // The peers' own declarations are type-checked too: what users compile against.
            skipLibCheck: false,
          },
          files: [entry.declarations],
        },
      },
      apiReport: { enabled: true, reportFileName: entry.report, reportFolder, reportTempFolder: join(temp, 'reports') },
      docModel: { enabled: true, apiJsonFilePath: apiJson },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        extractorMessageReporting: {
          default: { logLevel: 'error', addToApiReportFile: false },
          // The public API is marked with Nest's `@publicApi` (checked below), not with release tags.
          'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
          // Checked in `onMessage` against HIDDEN and the root entry point's exports.
          'ae-forgotten-export': { logLevel: 'warning', addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: 'error', addToApiReportFile: false } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(repo, 'package.json'),
    tsdocConfigFile: TSDocConfigFile.loadFile(join(here, 'tsdoc.json')),
  });

  const onMessage = (message) => {
    message.handled = true;
    if (message.logLevel === 'none' || message.logLevel === 'verbose') return;
    if (message.messageId === 'ae-forgotten-export') {
      const name = /The symbol "([^"]+)"/.exec(message.text)?.[1];
      // A subpath's declarations import the root entry point's types by relative path.
      if (name && (HIDDEN[name] || rootNames.includes(name))) return;
      problems.push(`${entry.specifier}: a public signature names ${name ?? message.text}, which is not exported: export it, or add it to HIDDEN in test/api/report.mjs with the reason`);
      return;
    }
    if (message.messageId === 'console-api-report-not-copied' || message.messageId === 'console-api-report-copied' || message.messageId === 'console-api-report-created') return;
    if (message.logLevel === 'error' || message.logLevel === 'warning') {
      const where = message.sourceFilePath ? ` (${message.sourceFilePath.replace(repo + '/', '')}:${message.sourceFileLine})` : '';
      problems.push(`${entry.specifier}: [${message.messageId}] ${message.text}${where}`);
    }
  };
  const result = Extractor.invoke(config, { localBuild: !check, messageCallback: onMessage });

  const reportPath = join(reportFolder, `${entry.report}.api.md`);
  if (result.apiReportChanged) {
    if (check) {
      const written = join(temp, 'reports', `${entry.report}.api.md`);
      problems.push(
        existsSync(reportPath)
          ? `the public API of ${entry.specifier} changed and docs/api/${entry.report}.api.md was not updated: run \`npm run api\`, read the diff and commit it.\n${diff(reportPath, written)}`
          : `docs/api/${entry.report}.api.md is missing: run \`npm run api\` and commit it`,
      );
    } else console.log(`  updated docs/api/${entry.report}.api.md`);
  }
  return checkDocs(entry, JSON.parse(readFileSync(apiJson, 'utf8')));
}

/** Every exported symbol has a summary and `@publicApi`; returns their names. */
function checkDocs(entry, model) {
  const exported = model.members[0].members;
  for (const item of exported) {
    const comment = item.docComment ?? '';
    const text = comment.replace(/^\/\*\*|\*\/$/g, '').replace(/^\s*\* ?/gm, '');
    // The summary is the text before the first block or modifier tag (`{@link}` is inline).
    if (!text.split(/(?:^|\s)@[a-zA-Z]/)[0].trim()) problems.push(`${entry.specifier}: ${item.name} has no doc comment (a short one says what it is for)`);
    if (!/@publicApi\b/.test(comment)) problems.push(`${entry.specifier}: ${item.name} has no @publicApi in its doc comment`);
  }
  return exported.map((item) => item.name);
}

/** The committed report against the built one, as a unified diff (git works outside a repository with --no-index). */
function diff(committed, built) {
  const out = spawnSync('git', ['diff', '--no-index', '--no-color', '--', committed, built], { encoding: 'utf8' });
  return out.stdout.split('\n').slice(4).join('\n');
}

const temp = mkdtempSync(join(tmpdir(), 'nestjs-cors-api-'));
try {
  const [root, ...subpaths] = entries;
  if (root?.specifier !== manifest.name) throw new Error('package.json exports must list "." first');
  const analysedWith = requireExtractors('typescript').version;
  const builtWith = requireHere('typescript/package.json').version;
  console.log(`== API reports (API Extractor ${Extractor.version}, its TypeScript ${analysedWith}; the build's ${builtWith})`);
  if (analysedWith !== builtWith) {
    throw new Error(`API Extractor analyses with TypeScript ${analysedWith} but the project builds with ${builtWith}: pin the @microsoft/api-extractor release whose dependency is typescript ${builtWith} (npm view @microsoft/api-extractor dependencies.typescript)`);
  }
  const rootNames = extract(root, temp, []);
  for (const entry of subpaths) extract(entry, temp, rootNames);

  const expected = new Set(entries.map((e) => `${e.report}.api.md`));
  for (const file of readdirSync(reportFolder).filter((f) => f.endsWith('.api.md') && !expected.has(f))) {
    problems.push(`docs/api/${file} belongs to no entry point of package.json exports: delete it`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`API report: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`  ${entries.length} entry points: ${entries.map((e) => e.specifier).join(', ')}; ${check ? 'every report is up to date' : 'reports written to docs/api/'}`);
}
