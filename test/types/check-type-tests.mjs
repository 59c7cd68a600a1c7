#!/usr/bin/env node
/* global console, process */
/**
 * Proves the type tests can fail: compiles every *.type-test.ts as written (no error allowed), then
 * again with each `// @ts-expect-error -- <text>` directive removed, and requires an error on the
 * line right below each directive whose message contains <text>, and no error anywhere else. So a
 * directive never passes by catching an unrelated error, and removing a type rule fails this check.
 * Usage: node test/types/check-type-tests.mjs
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error -- (.+)$/;

const configFile = ts.readConfigFile(join(repo, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repo);
const files = readdirSync(here).filter((f) => f.endsWith('.type-test.ts')).map((f) => join(here, f));

/** Diagnostics of `file`, compiled with `transform` applied to its text. */
function diagnosticsOf(file, transform) {
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (resolve(name) === file ? transform(readFile(name)) : readFile(name));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    if (resolve(name) !== file) return getSourceFile(name, version, onError);
    return ts.createSourceFile(name, transform(readFile(name)), version);
  };
  const program = ts.createProgram([file], { ...options, noEmit: true }, host);
  const source = program.getSourceFile(file);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
    line: source.getLineAndCharacterOfPosition(d.start ?? 0).line,
    text: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

let passed = 0;
let failed = 0;
const report = (ok, name, detail = '') => {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n       ${detail.replace(/\n/g, '\n       ')}`}`);
};

for (const file of files) {
  const name = file.slice(repo.length + 1);
  console.log(`== ${name}`);
  const asWritten = diagnosticsOf(file, (text) => text);
  report(asWritten.length === 0, `${name} compiles as written`, asWritten.map((d) => `line ${d.line + 1}: ${d.text}`).join('\n'));

  const lines = ts.sys.readFile(file).split('\n');
  const directives = lines.flatMap((line, index) => (DIRECTIVE.test(line) ? [{ line: index, expected: DIRECTIVE.exec(line)[1] }] : []));
  const stripped = diagnosticsOf(file, (text) => text.split('\n').map((line) => line.replace(/@ts-expect-error --/, '(expect-error removed) --')).join('\n'));
  for (const { line, expected } of directives) {
    const found = stripped.filter((d) => d.line === line + 1);
    const statement = lines[line + 1].trim().slice(0, 90);
    report(found.some((d) => d.text.includes(expected)), `line ${line + 2} fails with "${expected}": ${statement}`, found.length ? found.map((d) => d.text).join('\n') : 'no error on that line');
  }
  const stray = stripped.filter((d) => !directives.some((x) => x.line + 1 === d.line));
  report(stray.length === 0, `${name}: no error except below a directive`, stray.map((d) => `line ${d.line + 1}: ${d.text}`).join('\n'));
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
