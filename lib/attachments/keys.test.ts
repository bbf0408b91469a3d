import { describe, expect, it } from 'vitest';
import { attachmentKey, lessonAttachmentsPrefix, parseAttachmentKey, safeObjectName, threadAttachmentsPrefix, thumbnailKeyOf } from './keys';

const c = '11111111-1111-4111-8111-111111111111';
const l = '22222222-2222-4222-8222-222222222222';
const s = '33333333-3333-4333-8333-333333333333';
const a = '44444444-4444-4444-8444-444444444444';

describe('attachment keys', () => {
  it('nest course → lesson → student thread → attachment, so a lesson or a thread is one prefix', () => {
    const key = attachmentKey(c, l, s, a, 'My Screenshot (1).png');
    expect(key).toBe(`courses/${c}/attachments/${l}/${s}/${a}/My_Screenshot_1_.png`);
    expect(key.startsWith(threadAttachmentsPrefix(c, l, s))).toBe(true);
    expect(key.startsWith(lessonAttachmentsPrefix(c, l))).toBe(true);
    expect(parseAttachmentKey(key)).toEqual({ courseId: c, lessonId: l, studentId: s, attachmentId: a, rest: 'My_Screenshot_1_.png' });
    expect(parseAttachmentKey(thumbnailKeyOf(key))?.attachmentId).toBe(a);
    expect(parseAttachmentKey(`courses/${c}/videos/${a}/source`)).toBeNull();
  });
  it('keeps stored names safe', () => {
    expect(safeObjectName('../../etc/passwd')).toBe('passwd');
    expect(safeObjectName('..')).toBe('file');
    expect(safeObjectName('отчёт.pdf')).toMatch(/^[\w.-]+\.pdf$/);
  });
});
