/**
 * Cycles between features: a feature may use another only if that one does not use it back, directly or through
 * others. The tables (src/db/schema.ts gathers them all, and foreign keys point every way) are the schema beneath
 * every feature, not a use of one by another, so they are left out of this graph; so are tests.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment: 'Features depend on one another in one direction only.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/features/[^/]+' },
      to: { path: '^src/features/[^/]+', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/|^src/db/|\\.tables\\.ts$|\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
