/*
 * The colour theme chosen in this browser, put on <html data-theme> before the first paint: a classic script that
 * index.html loads in its <head>, so it runs before the static header in <body> is painted (the module entry comes
 * later). It is the start of src/ui/theme-boot.ts, which owns the choice and takes over when the app loads;
 * src/ui/theme-boot.test.ts checks that the two agree.
 */
try {
  const choice = localStorage.getItem('citybridge.theme');
  if (choice === 'light' || choice === 'dark') document.documentElement.dataset.theme = choice;
} catch {
  // storage unavailable: the system's preference holds, as theme-boot.ts does
}
