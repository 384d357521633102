import { describe, expect, it } from 'vitest';
import { isTyping, movedIndex, presenterAction } from './presenterKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('presenter keys', () => {
  it('maps the arrows, Page Up/Down, Home/End, F, S, M and Escape', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', 'ArrowLeft', 'ArrowUp', 'PageUp', 'Home', 'End', 'f', 'S', 'm', 'Escape'].map((k) => presenterAction(key(k), false))).toEqual([
      'next', 'next', 'next', 'previous', 'previous', 'previous', 'first', 'last', 'fullscreen', 'discussion', 'summary', 'close',
    ]);
    expect(presenterAction(key('x'), false)).toBeNull();
  });

  it('leaves keys to a field being typed in (except Escape) and to the browser with modifiers', () => {
    expect(presenterAction(key('ArrowRight'), true)).toBeNull();
    expect(presenterAction(key('s'), true)).toBeNull();
    expect(presenterAction(key('Escape'), true)).toBe('close');
    expect(presenterAction(key('f', { ctrlKey: true }), false)).toBeNull();
    expect(presenterAction(key('ArrowLeft', { altKey: true }), false)).toBeNull();
  });

  it('a text input, text area, select or editable element is typing; a checkbox or button is not', () => {
    expect(isTyping({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTyping({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('moves within the agenda without wrapping', () => {
    expect(movedIndex('next', 0, 3)).toBe(1);
    expect(movedIndex('next', 2, 3)).toBe(2);
    expect(movedIndex('previous', 0, 3)).toBe(0);
    expect(movedIndex('last', 0, 3)).toBe(2);
    expect(movedIndex('first', 2, 3)).toBe(0);
    expect(movedIndex('next', 0, 0)).toBe(0);
  });
});
