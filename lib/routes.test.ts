import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './routes';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths', () => {
    expect(safeCallbackUrl('/admin/users?page=2')).toBe('/admin/users?page=2');
  });
  it('refuses other origins and protocol-relative tricks', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(safeCallbackUrl(bad)).toBe('/dashboard');
    }
  });
});
