import { describe, expect, it } from 'vitest';
import type { ZkUser } from '../../zk';
import { planDeviceUsers } from './plan';
import { employee } from './test-support';


const user = (uid: number, userId: string, name: string, privilege = 0): ZkUser => ({ uid, userId, name, privilege, password: '', cardNumber: 0, groupId: '1' });

describe('planning a terminal', () => {
  it('skips an id a 28-byte terminal cannot hold, saying why', () => {
    const plan = planDeviceUsers({ users: [], recordSize: 28, nameEncoding: 'utf-8', employees: [employee('EMP-7', 'Ana Peña')], removeLeft: false });
    expect(plan.changes).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('numbers');
  });

  it('takes Inactive as a leaver and leaves Suspended employees alone', () => {
    const users = [user(1, '10', 'Ana'), user(2, '11', 'Ben')];
    const employees = [employee('10', 'Ana', 'Inactive'), employee('11', 'Benedict', 'Suspended')];
    const plan = planDeviceUsers({ users, recordSize: 72, nameEncoding: 'utf-8', employees, removeLeft: true });
    expect(plan.changes.map((change) => [change.kind, change.userId])).toEqual([['remove', '10']]);
  });

  it('does not rename a user whose name already is the fitted ERPNext name', () => {
    const plan = planDeviceUsers({ users: [user(1, '10', 'Conceiç')], recordSize: 28, nameEncoding: 'utf-8', employees: [employee('10', 'Conceição Brandão')], removeLeft: false });
    expect(plan.changes).toEqual([]);
  });

  it('writes nothing to a terminal whose name encoding cannot be written, and says so', () => {
    const plan = planDeviceUsers({ users: [], recordSize: 72, nameEncoding: 'gbk', employees: [employee('10', '王芳')], removeLeft: false });
    expect(plan.changes).toEqual([]);
    expect(plan.skipped[0]?.reason).toContain('gbk');
  });
});
