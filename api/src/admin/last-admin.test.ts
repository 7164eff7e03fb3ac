import { describe, expect, it } from 'vitest';
import { keepAnAdmin } from './last-admin.ts';

describe('keepAnAdmin', () => {
  it('lets an active admin demote another admin', () => {
    expect(() => keepAnAdmin(['a', 'b'], 'b', 'a')).not.toThrow();
  });
  it('refuses an actor who is no longer an active admin (demoted meanwhile)', () => {
    expect(() => keepAnAdmin(['b'], 'b', 'a')).toThrow(
      expect.objectContaining({ status: 403, code: 'NOT_AN_ADMIN' }),
    );
  });
  it('refuses to leave no active admin', () => {
    expect(() => keepAnAdmin(['b'], 'b', 'b')).toThrow(
      expect.objectContaining({ status: 409, code: 'LAST_ADMIN' }),
    );
  });
});
