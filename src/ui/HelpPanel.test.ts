import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HelpPanel } from './HelpPanel';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the help panel', () => {
  it('lists the plan editing keys Ctrl+S, Ctrl+Z and Ctrl+Y in their own section', () => {
    const t = text(renderToStaticMarkup(createElement(HelpPanel, { onClose: () => undefined })));
    const section = t.slice(t.indexOf('Plan editing'), t.indexOf('Mouse'));
    expect(section).toMatch(/Ctrl\+S Save the plan/);
    expect(section).toMatch(/Ctrl\+Z Undo/);
    expect(section).toMatch(/Ctrl\+Y Ctrl\+Shift\+Z Redo/);
  });
});

describe('the help panel lists the fusion nudge keys', () => {
  it('names Alt+arrows, Alt+PgUp/PgDn and Alt+[ ] with their steps', () => {
    const t = text(renderToStaticMarkup(createElement(HelpPanel, { onClose: () => undefined })));
    const section = t.slice(t.indexOf('Post-procedure fusion'), t.indexOf('Mouse'));
    expect(section).toMatch(/Alt\+← Alt\+→ Alt\+↑ Alt\+↓ Move the CBCT 0\.5 mm/);
    expect(section).toMatch(/Alt\+\[ Alt\+\] Turn the CBCT 0\.5°/);
  });
});
