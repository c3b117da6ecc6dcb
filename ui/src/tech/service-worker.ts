// Registers the app shell's service worker (ui/public/tech/sw.js): after a
// first visit online, the app opens with no network at all. Not in `vite dev`,
// whose modules are not the built shell.
export function registerServiceWorker(): void {
  // import.meta.hot exists only under the dev server (a build made with NODE_ENV=test still registers).
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/tech/sw.js', { scope: '/tech/' }).catch((error: unknown) => console.warn('[tech] service worker not registered', error));
  });
}
