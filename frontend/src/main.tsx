// Entry point: loads translations and styles, then renders the app once the first language's
// translations have arrived (so no page shows without its words).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translationsReady } from '@/i18n';
import '@/styles/global.css';
import { App } from '@/app/app';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void translationsReady.finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
