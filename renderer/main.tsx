import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { installErrorForwarding } from './app/reportErrors';
import { initI18n } from './app/i18n';
import './styles.css';

// Start in the OS language; App switches to the stored locale as soon as settings arrive.
initI18n(navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
installErrorForwarding();

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </QueryClientProvider>
  </StrictMode>,
);
