// Hangul from the console's own files, not the machine's: a browser without a Korean font
// (many Linux desktops, headless Chromium) would show the Korean console as empty boxes. Split by
// unicode-range, so a browser downloads only the parts its text uses.
import '@fontsource-variable/noto-sans-kr';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createI18nProvider } from './i18n';

/*
 * Each screen is its own chunk, named by its content hash. A tab left open across a deploy asks
 * for chunks that no longer exist: load the new index.html once instead of showing an error. Once
 * per minute at most, so a chunk that is truly missing cannot reload the page in a loop.
 */
const RELOADED_AT = 'console.chunkReloadAt';
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  // A guard across page loads (performance.now() restarts with each): wall-clock time, no date.
  // eslint-disable-next-line no-restricted-properties
  const now = Date.now();
  if (now - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(now));
  event.preventDefault();
  window.location.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

// The starting language's messages load beside the app's own chunks; the page renders once both are in.
void createI18nProvider().then((i18nProvider) =>
  createRoot(container).render(
    <StrictMode>
      <App i18nProvider={i18nProvider} />
    </StrictMode>,
  ),
);
