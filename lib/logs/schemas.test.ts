import { describe, expect, it } from 'vitest';
import { listAuditEventsSchema, listSystemLogsSchema, logIdSchema, parseInstant, toDateTimeLocal } from './schemas';

describe('parseInstant', () => {
  it('reads dates, datetime-local values and ISO strings as UTC unless an offset is given', () => {
    expect(parseInstant('2024-05-01')?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(parseInstant('2024-05-01T10:30')?.toISOString()).toBe('2024-05-01T10:30:00.000Z');
    expect(parseInstant('2024-05-01T10:30:15.5Z')?.toISOString()).toBe('2024-05-01T10:30:15.500Z');
    expect(parseInstant('2024-05-01T10:30+03:00')?.toISOString()).toBe('2024-05-01T07:30:00.000Z');
  });

  it('gives the end of the named unit for upper bounds', () => {
    expect(parseInstant('2024-05-01', true)?.toISOString()).toBe('2024-05-01T23:59:59.999Z');
    expect(parseInstant('2024-05-01T10:30', true)?.toISOString()).toBe('2024-05-01T10:30:59.999Z');
    expect(parseInstant('2024-05-01T10:30:15', true)?.toISOString()).toBe('2024-05-01T10:30:15.999Z');
  });

  it('rejects impossible or malformed values', () => {
    for (const bad of ['', 'yesterday', '2024-02-30', '2024-13-01', '2024-05-01T24:00', '0099-01-01', '2024-05-01T10:30+25:00']) expect(parseInstant(bad)).toBeNull();
  });
});

describe('list filter schemas', () => {
  it('drop junk values instead of throwing', () => {
    expect(listSystemLogsSchema.parse({ level: 'info', source: '', userId: '1', from: 'x', to: '2024-02-31', q: 'a'.repeat(201), page: 'abc' })).toEqual({ page: 1 });
    expect(listAuditEventsSchema.parse({ action: 'x'.repeat(101), actorId: 'no', page: '0' })).toEqual({ page: 1 });
  });

  it('round-trips dates into datetime-local inputs', () => {
    const input = listSystemLogsSchema.parse({ from: '2024-05-01T10:30', to: '2024-05-01T11:00' });
    expect(toDateTimeLocal(input.from)).toBe('2024-05-01T10:30');
    expect(toDateTimeLocal(input.to)).toBe('2024-05-01T11:00');
    expect(toDateTimeLocal(undefined)).toBe('');
  });

  it('accepts only positive safe integer ids', () => {
    expect(logIdSchema.safeParse('42')).toEqual({ success: true, data: 42 });
    for (const bad of ['0', '-1', 'abc', '1.5', '01', '99999999999999999']) expect(logIdSchema.safeParse(bad).success).toBe(false);
  });
});
