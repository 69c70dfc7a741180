import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Writes .br and .gz beside every text asset, so the server sends compressed files without compressing. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'citybridge-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        if (!entry.isFile() || !/\.(m?js|css|html|json|svg|txt)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const content = await readFile(file);
        if (content.length < 1024) continue;
        await writeFile(`${file}.gz`, gzipSync(content, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * Fills in the address of the land's TopoJSON (an asset of the first picture, src/map/first-paint.ts) in the meta
 * "citybridge-land" of index.html, so that the page's inline script fetches it with the network, before the page's
 * scripts have come. Without the build (vite's dev server) the meta stays empty and the picture fetches it itself.
 */
function landAddress(): Plugin {
  const empty = '<meta name="citybridge-land" content="" />';
  return {
    name: 'citybridge-land-address',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const asset = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'asset' && output.names.includes('land-110m.json'),
        );
        if (!asset || !html.includes(empty))
          throw new Error('No land-110m.json, or no meta for it in index.html');
        return html.replace(empty, `<meta name="citybridge-land" content="/${asset.fileName}" />`);
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress(), landAddress()],
  // MapLibre alone is a megabyte before compression; it loads in its own chunk.
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // What the first view and the lazy workspace pages share (React, the router, i18n, the app's own modules)
    // goes in one chunk, so the first view loads two scripts rather than a handful of small common chunks. What
    // only the workspace uses stays out of it (the API's workspace modules, TanStack Query's mutations, the
    // vocabularies only the workspace offers) and goes in a chunk of its own that every workspace page loads.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The atlas's first picture (src/map/early.ts and what it uses, no React, with the network's decoder
              // that the server's tests share), the page's own stylesheet,
              // the colour theme (ui/theme-boot.ts) and Vite's loader of dynamic imports: a chunk of its own that the
              // page's entry runs before it loads the app, so that the network is fetched and painted, in the chosen
              // theme, while the app's code is still on its way.
              name: 'early',
              test: /[\\/]web[\\/]src[\\/](map[\\/](early|first-paint|raster|camera|geometry|network-data|palette|place-index)\.ts|ui[\\/]theme-boot\.ts|page-ready\.ts|styles\.css)$|[\\/]src[\\/]features[\\/]network[\\/]network\.encoding\.ts$|preload-helper/,
              priority: 1,
            },
            {
              name: 'shared',
              test: new RegExp(
                [
                  String.raw`node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query)|i18next|react-i18next|vite)[\\/](?!.*[\\/](useMutation|mutationObserver)\.js$)`,
                  // Pages and components that load on demand (the event, network, article, series and downloads
                  // pages, the events table, the articles about a place, the place page's sections after its ties
                  // and the lists they show, the atlas's filter fields) stay out: with their design-system tables
                  // and pickers they would double it.
                  String.raw`[\\/]web[\\/]src[\\/](main|format|components[\\/](?!FilterFields\.|EventsTable\.|TimeRange\.|RelatedArticles\.|PublicLists\.)|pages[\\/](?!EventPage\.|DownloadsPage\.|InviteesMap|EventMedia|Networks?Page|ArticlePage\.|SeriesPage\.|PlacePage\.sections\.)|i18n[\\/]index)`,
                  String.raw`[\\/]web[\\/]src[\\/]api[\\/](client|network|partnerships|places|settings|stats)\.ts$`,
                  String.raw`[\\/]src[\\/]features[\\/]partnerships[\\/]partnerships\.constants`,
                  String.raw`preload-helper|commonjsHelpers|rolldown[\\/]runtime`,
                ].join('|'),
              ),
            },
            {
              // The design system's pickers (select and combo box, with their list box, popover and what they need
              // of React Aria): every workspace form uses them, and the atlas's filters load them once shown
              // (components/FilterFields.tsx), so they are in a chunk of their own, out of the first view.
              name: 'pickers',
              test: /[\\/]web[\\/]src[\\/]ui[\\/](Select|ComboBox)\.tsx$/,
            },
            {
              // What the workspace's pages share: its API modules, form parts and texts, and the mutations.
              name: 'workspace',
              test: new RegExp(
                [
                  String.raw`[\\/]web[\\/]src[\\/](api[\\/]|workspace[\\/](ui[\\/]|audit[\\/]|texts))`,
                  String.raw`[\\/]src[\\/](contract|features[\\/])`,
                  // TanStack Query's mutations; TanStack Table goes only with the pages that show a data table.
                  String.raw`node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]`,
                ].join('|'),
              ),
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
