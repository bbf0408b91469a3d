import { describe, expect, it } from 'vitest';
import { keyboardSlot, lessonPlaceText, modulePlaceText, movingLessonIds, placeActive, pointerSlot, rangeBetween, type DragModule } from './drag-logic';

const modules: DragModule[] = [
  { id: 'A', lessonIds: ['a1', 'a2'], collapsed: false },
  { id: 'B', lessonIds: [], collapsed: false },
  { id: 'C', lessonIds: ['c1', 'c2', 'c3'], collapsed: true },
  { id: 'D', lessonIds: ['d1'], collapsed: false },
];

describe('keyboardSlot', () => {
  it('steps through every slot of an open module, then into the next module', () => {
    expect(keyboardSlot('down', { moduleId: 'A', index: 0 }, modules)).toEqual({ moduleId: 'A', index: 1 });
    expect(keyboardSlot('down', { moduleId: 'A', index: 1 }, modules)).toEqual({ moduleId: 'A', index: 2 });
    expect(keyboardSlot('down', { moduleId: 'A', index: 2 }, modules)).toEqual({ moduleId: 'B', index: 0 });
  });

  it('treats an empty module as one stop and a folded one as "append at its end"', () => {
    expect(keyboardSlot('down', { moduleId: 'B', index: 0 }, modules)).toEqual({ moduleId: 'C', index: 3 });
    expect(keyboardSlot('down', { moduleId: 'C', index: 3 }, modules)).toEqual({ moduleId: 'D', index: 0 });
    expect(keyboardSlot('up', { moduleId: 'D', index: 0 }, modules)).toEqual({ moduleId: 'C', index: 3 });
    expect(keyboardSlot('up', { moduleId: 'C', index: 3 }, modules)).toEqual({ moduleId: 'B', index: 0 });
  });

  it('going up from the top of a module lands at the end of the previous one', () => {
    expect(keyboardSlot('up', { moduleId: 'B', index: 0 }, modules)).toEqual({ moduleId: 'A', index: 2 });
    expect(keyboardSlot('up', { moduleId: 'A', index: 1 }, modules)).toEqual({ moduleId: 'A', index: 0 });
  });

  it('stops at both ends of the outline', () => {
    expect(keyboardSlot('up', { moduleId: 'A', index: 0 }, modules)).toBeNull();
    expect(keyboardSlot('down', { moduleId: 'D', index: 1 }, modules)).toBeNull();
    expect(keyboardSlot('down', { moduleId: 'X', index: 0 }, modules)).toBeNull();
  });

  it('visits every slot exactly once from top to bottom (no O(n²) surprises, no skipped gaps)', () => {
    const seen: string[] = [];
    let slot: ReturnType<typeof keyboardSlot> = { moduleId: 'A', index: 0 };
    while (slot) {
      seen.push(`${slot.moduleId}${slot.index}`);
      slot = keyboardSlot('down', slot, modules);
    }
    expect(seen).toEqual(['A0', 'A1', 'A2', 'B0', 'C3', 'D0', 'D1']);
  });
});

describe('pointerSlot', () => {
  const row = (lessonId: string, top: number) => ({ type: 'lesson' as const, lessonId, moduleId: 'A', rect: { top, height: 40 } });
  const A: DragModule = { id: 'A', lessonIds: ['a1', 'a2', 'a3'], collapsed: false };

  it('goes before a row over its upper half and after it over its lower half', () => {
    expect(pointerSlot(row('a2', 100), 110, 'x', A)).toEqual({ moduleId: 'A', index: 1 });
    expect(pointerSlot(row('a2', 100), 130, 'x', A)).toEqual({ moduleId: 'A', index: 2 });
  });

  it('ignores the dragged row itself and rows it does not know', () => {
    expect(pointerSlot(row('x', 100), 110, 'x', A)).toBeNull();
    expect(pointerSlot(row('zz', 100), 110, 'x', A)).toBeNull();
  });

  it('drops into an empty or folded module at its end', () => {
    const card = { type: 'container' as const, moduleId: 'B', rect: { top: 0, height: 100 } };
    expect(pointerSlot(card, 10, 'x', { id: 'B', lessonIds: [], collapsed: false })).toEqual({ moduleId: 'B', index: 0 });
    expect(pointerSlot(card, 10, 'x', { id: 'B', lessonIds: ['b1', 'b2'], collapsed: true })).toEqual({ moduleId: 'B', index: 2 });
  });

  it('on an open module card: header means first, footer means last, a gap between rows means stay', () => {
    const card = { type: 'container' as const, moduleId: 'A', rect: { top: 0, height: 300 }, lessonsTop: 50, lessonsBottom: 250 };
    expect(pointerSlot(card, 20, 'x', A)).toEqual({ moduleId: 'A', index: 0 });
    expect(pointerSlot(card, 280, 'x', A)).toEqual({ moduleId: 'A', index: 3 });
    expect(pointerSlot(card, 150, 'x', A)).toBeNull();
  });
});

describe('placeActive', () => {
  it('moves the dragged lesson within a module', () => {
    const lists = new Map([['A', ['a1', 'x', 'a2']]]);
    expect(placeActive(lists, 'x', { moduleId: 'A', index: 1 }, { moduleId: 'A', index: 2 })).toEqual(new Map([['A', ['a1', 'a2', 'x']]]));
  });

  it('moves it across modules and returns only the two changed lists', () => {
    const lists = new Map([
      ['A', ['x', 'a1']],
      ['B', []],
    ]);
    const out = placeActive(lists, 'x', { moduleId: 'A', index: 0 }, { moduleId: 'B', index: 0 });
    expect(out).toEqual(
      new Map([
        ['A', ['a1']],
        ['B', ['x']],
      ]),
    );
    expect(lists.get('B')).toEqual([]); // inputs untouched
  });
});

describe('selection helpers', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('moves the whole selection in outline order when the dragged lesson is selected', () => {
    expect(movingLessonIds('d', new Set(['d', 'b']), order)).toEqual(['b', 'd']);
    expect(movingLessonIds('c', new Set(['d', 'b']), order)).toEqual(['c']);
    expect(movingLessonIds('d', new Set(['d']), order)).toEqual(['d']);
  });
  it('selects a range in either direction', () => {
    expect(rangeBetween('d', 'b', order)).toEqual(['b', 'c', 'd']);
    expect(rangeBetween('a', 'a', order)).toEqual(['a']);
    expect(rangeBetween('zz', 'b', order)).toEqual(['b']);
  });
});

describe('announcements', () => {
  const t = (key: string, v?: Record<string, string | number>) => `${key} ${JSON.stringify(v)}`;
  it('counts positions from 1 and passes how many other lessons move along', () => {
    expect(lessonPlaceText(t, 'lessonOver', { title: 'Intro', extra: 0, moduleTitle: 'Basics', index: 2, count: 7 })).toBe(
      'announce.lessonOver {"title":"Intro","extra":0,"module":"Basics","position":3,"count":7}',
    );
    expect(modulePlaceText(t, 'moduleDropped', { title: 'Basics', index: 0, count: 4 })).toBe('announce.moduleDropped {"title":"Basics","position":1,"count":4}');
  });
});
