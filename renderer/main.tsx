// First: sends the start-up call before the rest of the script is evaluated (boot.ts imports nothing heavy).
import { started } from './app/boot';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { installErrorForwarding } from './app/reportErrors';
import { initI18n } from './app/i18n';
import { seedStart } from './app/seed';
import './styles.css';

installErrorForwarding();

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
});

// The first render waits for the start-up answer (sent before this script was evaluated), so the first
// screen renders once, with its data. It starts in the stored language, else the OS language; App follows changes.
void started.then((start) => {
  initI18n(start?.settings.locale ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'));
  seedStart(queryClient, start);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </QueryClientProvider>
    </StrictMode>,
  );
});
