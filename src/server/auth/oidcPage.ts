/** A plain page the sign-on routes answer with when a sign-in cannot go on. */
export interface OidcPage {
  title: string;
  /** Sentences, each its own paragraph; escaped here (claim values come from the provider). */
  paragraphs: string[];
  /** A link to offer, e.g. to start again. */
  link?: { href: string; text: string };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Renders the page as a whole HTML document: no script and no inline style, so it stands under
 * the strictest Content-Security-Policy; the browser shows it in place of the app.
 */
export function renderOidcPage(page: OidcPage): string {
  const body = page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const link = page.link ? `\n<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.text)}</a></p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>PercuPlan: ${escapeHtml(page.title)}</title></head>
<body>
<main data-testid="oidc-problem">
<h1>${escapeHtml(page.title)}</h1>
${body}${link}
</main>
</body>
</html>
`;
}
