import { describe, expect, it } from 'vitest';
import { commandForKey, pickCaption, snapSpeed, stepSpeed } from './controls';
import { formatTime, plainCueText } from './format';

describe('formatTime', () => {
  it('formats minutes and hours', () => {
    expect([0, 5, 65, 750, 3723, -3, Number.NaN].map(formatTime)).toEqual(['0:00', '0:05', '1:05', '12:30', '1:02:03', '0:00', '0:00']);
  });
});

describe('speeds', () => {
  it('steps through the list and stops at its ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.5, -1)).toBe(0.5);
    expect(stepSpeed(1.1, 1)).toBe(1.25);
  });
  it('snaps a saved rate to the list', () => {
    expect([1.5, 1.6, 3, 0.1, Number.NaN, undefined].map(snapSpeed)).toEqual([1.5, 1.5, 2, 0.5, 1, 1]);
  });
});

describe('commandForKey', () => {
  it('maps the documented shortcuts', () => {
    expect(commandForKey({ key: ' ' })).toEqual({ type: 'togglePlay' });
    expect(commandForKey({ key: 'K' })).toEqual({ type: 'togglePlay' });
    expect(commandForKey({ key: 'j' })).toEqual({ type: 'seekBy', seconds: -10 });
    expect(commandForKey({ key: 'ArrowRight' })).toEqual({ type: 'seekBy', seconds: 5 });
    expect(commandForKey({ key: 'ArrowDown' })).toEqual({ type: 'volumeBy', delta: -0.05 });
    expect(commandForKey({ key: '>' })).toEqual({ type: 'speed', dir: 1 });
    expect(commandForKey({ key: '7' })).toEqual({ type: 'seekToFraction', fraction: 0.7 });
    expect(commandForKey({ key: '?' })).toEqual({ type: 'help' });
  });
  it('leaves modified keys and other keys to the browser', () => {
    expect(commandForKey({ key: 'f', ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: 'l', metaKey: true })).toBeNull();
    expect(commandForKey({ key: 'Tab' })).toBeNull();
    expect(commandForKey({ key: 'x' })).toBeNull();
  });
});

describe('pickCaption', () => {
  const caps = [
    { id: 'a', lang: 'en-GB' },
    { id: 'b', lang: 'ru' },
  ];
  it('matches exactly, then by base language', () => {
    expect(pickCaption(caps, 'ru')?.id).toBe('b');
    expect(pickCaption(caps, 'en')?.id).toBe('a');
    expect(pickCaption(caps, 'en-US')?.id).toBe('a');
    expect(pickCaption(caps, 'de')).toBeNull();
    expect(pickCaption(caps, null)).toBeNull();
  });
});

describe('plainCueText', () => {
  it('strips cue markup and decodes entities', () => {
    expect(plainCueText('<v Anna><i>Hello</i> &amp; <c.loud>bye</c></v>\n<00:00:01.000>next &lt;3')).toBe('Hello & bye\nnext <3');
  });
});
