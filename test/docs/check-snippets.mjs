#!/usr/bin/env node
/* global console, process */
/**
 * Type-checks every ```ts / ```typescript block of README.md and docs/*.md under `strict`, against
 * the built package: `import ... from 'nestjs-cors'` resolves through package.json `exports` to
 * dist/*.d.ts (the blocks are written below the repo, so the package's own name resolves to
 * itself), the peers (Nest, ioredis, GraphQL, ...) from node_modules. Run `npm run build` first.
 *
 * Fence info words: `partial` skips a block that is deliberately incomplete (a fragment of options,
 * a line of main.ts); `file=name.ts` names the block's file, so a later block of the same page can
 * import it (`import { AppModule } from './app.module.js'`). Other blocks are block-<n>.ts. Each
 * page is one folder; every block is a module of its own.
 *
 * Usage: node test/docs/check-snippets.mjs   (prints the blocks checked and skipped, each failure
 * with its page and line, then "N passed, N failed" as the last line)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
/** Below the repo (so `nestjs-cors` resolves to this package's dist/), in a folder git and eslint ignore. */
const work = join(repo, 'build-check/doc-snippets');
const LANGUAGES = new Set(['ts', 'typescript']);

/** Every fenced block of a Markdown text: language, info words, body, and the line of its first body line (1-based). */
function fencedBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    blocks.push({ language: language.toLowerCase(), words: info.split(/\s+/).filter(Boolean), body: body.join('\n'), line: i + 2 });
    i = j;
  }
  return blocks;
}

function pages() {
  const docs = join(repo, 'docs');
  const files = existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.md')).sort().map((f) => join(docs, f)) : [];
  return [join(repo, 'README.md'), ...files];
}

if (!existsSync(join(repo, 'dist/index.d.ts'))) {
  console.error('dist/index.d.ts is missing: run `npm run build` first (the blocks are checked against the built package)');
  process.exit(1);
}

rmSync(work, { recursive: true, force: true });
/** Checked blocks: their file on disk, and where they came from. */
const checked = [];
let skipped = 0;
for (const page of pages()) {
  const name = relative(repo, page);
  const folder = join(work, name.replace(/\.md$/, '').replace(/[^\w.-]+/g, '-'));
  const blocks = fencedBlocks(readFileSync(page, 'utf8')).filter((b) => LANGUAGES.has(b.language));
  let pageChecked = 0;
  let pageSkipped = 0;
  for (const [index, block] of blocks.entries()) {
    if (block.words.includes('partial')) {
      pageSkipped++;
      continue;
    }
    const fileWord = block.words.find((w) => w.startsWith('file='));
    const file = join(folder, fileWord ? fileWord.slice('file='.length) : `block-${String(index + 1).padStart(2, '0')}.ts`);
    if (checked.some((c) => c.file === file)) throw new Error(`${name}:${block.line}: a second block named ${basename(file)}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${block.body}\n`);
    checked.push({ file, page: name, line: block.line });
    pageChecked++;
  }
  skipped += pageSkipped;
  console.log(`  ${name}: ${blocks.length} TypeScript blocks, ${pageChecked} checked, ${pageSkipped} skipped (partial)`);
}

const configFile = ts.readConfigFile(join(repo, 'tsconfig.json'), ts.sys.readFile);
const { options: base } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repo);
const options = {
  ...base,
  strict: true,
  noEmit: true,
  declaration: false,
  sourceMap: false,
  rootDir: undefined,
  outDir: undefined,
  // A block without import or export is still a module of its own, not a script sharing globals.
  moduleDetection: ts.ModuleDetectionKind.Force,
};
const program = ts.createProgram(checked.map((c) => c.file), options);

// The package must come from dist/, never from the sources in lib/.
const sources = program.getSourceFiles().map((f) => resolve(f.fileName));
const fromLib = sources.filter((f) => f.startsWith(join(repo, 'lib') + '/'));
if (!sources.includes(join(repo, 'dist/index.d.ts')) || fromLib.length > 0) {
  console.error(`'nestjs-cors' did not resolve to dist/ (lib files: ${fromLib.length})`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const block of checked) {
  const own = diagnostics.filter((d) => d.file && resolve(d.file.fileName) === block.file);
  if (own.length === 0) {
    passed++;
    continue;
  }
  failed++;
  console.log(`  FAIL ${block.page}:${block.line} (${relative(work, block.file)})`);
  for (const d of own) {
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    console.log(`       ${block.page}:${block.line + line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n        ')}`);
  }
}
const global = diagnostics.filter((d) => !d.file || !checked.some((c) => c.file === resolve(d.file.fileName)));
for (const d of global) console.log(`  error outside the blocks: ${d.file ? relative(repo, d.file.fileName) + ': ' : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
if (global.length > 0) failed++;

console.log(`doc snippets: ${checked.length} blocks checked, ${skipped} skipped (partial)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
