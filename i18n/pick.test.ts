import { describe, expect, it } from 'vitest';
import { pickMessages } from './pick';

const messages = {
  errors: { generic: 'Something went wrong' },
  courses: { nav: { outline: 'Outline', label: 'Course' }, editor: { title: 'Edit' } },
  analytics: { nav: 'Analytics', chart: { csv: 'CSV' } },
  compiled: ['a', 1],
};

describe('pickMessages', () => {
  it('keeps whole top-level namespaces and leaves the others out', () => {
    expect(pickMessages(messages, ['errors', 'analytics'])).toEqual({ errors: messages.errors, analytics: messages.analytics });
  });

  it('keeps only the nested part of a namespace named with a dot', () => {
    expect(pickMessages(messages, ['courses.nav'])).toEqual({ courses: { nav: { outline: 'Outline', label: 'Course' } } });
  });

  it('merges several parts of one namespace and ignores names that do not exist', () => {
    expect(pickMessages(messages, ['courses.nav', 'courses.editor.title', 'nope', 'courses.nav.missing'])).toEqual({ courses: { nav: messages.courses.nav, editor: { title: 'Edit' } } });
  });

  it('treats a compiled message (an array) as a leaf', () => {
    expect(pickMessages(messages, ['compiled', 'compiled.0'])).toEqual({ compiled: ['a', 1] });
  });
});
