/**
 * The layers of lib/ (ARCHITECTURE.md, "Folders and what each owns"), checked in .ci/run
 * (`npm run check:layers`): no import cycle between files, none between folders, and no
 * folder of lib/internal importing one above it. Exceptions, each with its reason: none.
 */
const LAYERS = ['http', 'origin', 'policy', 'routing', 'table', 'decision', 'compile', 'response', 'diagnostics', 'reporting', 'origin-store', 'request', 'websocket', 'platform'];

const above = (layer) => LAYERS.slice(LAYERS.indexOf(layer) + 1);

export default {
  forbidden: [
    {
      name: 'no-file-cycles',
      severity: 'error',
      comment: 'An import cycle between files of lib/ (type-only imports included).',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    ...LAYERS.map((layer) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `lib/internal/${layer}/ may import only from the folders listed before it in ARCHITECTURE.md's table (the layers below it).`,
      from: { path: `^lib/internal/${layer}/` },
      to: { path: `^lib/internal/(${above(layer).join('|')})/` },
    })),
    {
      name: 'internal-not-above-public',
      severity: 'error',
      comment: 'lib/internal/ may use the public types, errors and constants, not the module, the service or the entry points built on it.',
      from: { path: '^lib/internal/' },
      to: { path: '^lib/(cors\\.module|cors-policy\\.service|index|redis/|socket\\.io/|ws/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
