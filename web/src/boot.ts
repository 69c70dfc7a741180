/**
 * The page's entry, an async module: it runs as soon as it has come, while the document may still be parsed. On the
 * atlas, the first picture comes first (map/early.ts takes the network and the land that the page's head fetched,
 * and paints every tie); the app itself (main.tsx: React, the router, the pages) loads once it is painted, or after
 * two seconds at most, so that the two do not queue behind each other on the main thread. Elsewhere the app loads at
 * once.
 */
// The colour theme's owner (a module without React): index.html's inline script put the choice on <html> before the
// first paint.
import './ui/theme-boot.ts';
import './styles.css';
import { whenFirstPicture } from './map/early.ts';
import { whenParsed } from './page-ready.ts';

void whenFirstPicture(2000)
  .then(whenParsed)
  .then(() => import('./main.tsx'));
