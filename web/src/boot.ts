/**
 * The page's entry. On the atlas, the first picture comes first (map/early.ts fetches the network and the countries
 * and paints every tie); the app itself (main.tsx: React, the router, the pages) loads once it is painted, or after
 * two seconds at most, so that the two do not queue behind each other on the main thread. Elsewhere the app loads at
 * once.
 */
// The colour theme's owner (a module without React): index.html's inline script put the choice on <html> before the
// first paint.
import './ui/theme-boot.ts';
import './styles.css';
import { whenFirstPicture } from './map/early.ts';

void whenFirstPicture(2000).then(() => import('./main.tsx'));
