import { pickDefault } from '../../cloudfunctions/core/modules/orders';
import type { AddressDoc } from '../../cloudfunctions/core/schema';

const address = (id: string, createdAt: number): AddressDoc => ({
  _id: id,
  userId: 'u1',
  userName: '张三',
  telNumber: '13800000000',
  provinceName: '浙江省',
  cityName: '杭州市',
  countyName: '西湖区',
  detailInfo: '1 号',
  createdAt,
});

describe('the default address among a user’s addresses', () => {
  const newestFirst = [address('a3', 3), address('a2', 2), address('a1', 1)];

  it('is the one the user record points at', () => {
    expect(pickDefault('a2', newestFirst)?._id).toBe('a2');
  });

  it('is the newest when nothing is pointed at', () => {
    expect(pickDefault(null, newestFirst)?._id).toBe('a3');
    expect(pickDefault(undefined, newestFirst)?._id).toBe('a3');
  });

  it('is the newest when the pointed-at address was deleted', () => {
    expect(pickDefault('gone', newestFirst)?._id).toBe('a3');
  });

  it('is none for an empty address book', () => {
    expect(pickDefault('a1', [])).toBeNull();
  });
});
