/**
 * The renderer's Content-Security-Policy: only the app's own files, no remote content,
 * no eval, no plugins. Inline styles are allowed for React style props and charts.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
