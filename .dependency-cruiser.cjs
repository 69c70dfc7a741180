/**
 * Which way dependencies may point; `npm run check` fails on any violation (npm run deps). Cycles between
 * features are checked on their own, in .dependency-cruiser.features.cjs.
 * Layers: src/core (used by every layer, owns nothing) ← src/db ← src/features ← src/http, src/app.ts, src/cli;
 * the web app reaches server code only through src/contract.ts.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-other-feature-repo',
      comment:
        'A feature reaches another feature through its service or a narrow exported function, never its repo.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/features/[^/]+/.*\\.repo\\.ts$', pathNot: '^src/features/$1/' },
    },
    {
      name: 'no-feature-to-http',
      comment:
        'src/http composes features; features do not reach back into it (src/core has what they share).',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/http/' },
    },
    {
      name: 'core-owns-nothing',
      comment: 'src/core is what every layer uses; it depends on no feature, no HTTP plugin and no command.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(features|http|cli)/|^src/(app|server)\\.ts$' },
    },
    {
      name: 'web-only-through-contract',
      comment: 'The web app imports server code only through the shared contract, src/contract.ts.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/contract\\.ts$' },
    },
    {
      name: 'no-circular',
      comment: 'No module depends on itself through others.',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
