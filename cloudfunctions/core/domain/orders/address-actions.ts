import type { Address } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { AddressDoc } from './model';
import { MAX_ADDRESSES } from './rules';

/** The address book (收货地址), with the field names wx.chooseAddress returns. A user sees only theirs. */
const addresses = (ctx: Ctx) => ctx.db.collection<AddressDoc>('addresses');

export const addressView = ({ _id, userName, telNumber, provinceName, cityName, countyName, detailInfo, isDefault }: AddressDoc): Address => ({
  _id,
  userName,
  telNumber,
  provinceName,
  cityName,
  countyName,
  detailInfo,
  isDefault,
});

/** The address as an order keeps it: a copy, so later edits to the book do not move shipped goods. */
export const shippingAddress = ({ userName, telNumber, provinceName, cityName, countyName, detailInfo }: AddressDoc) => ({
  userName,
  telNumber,
  provinceName,
  cityName,
  countyName,
  detailInfo,
});

export async function ownAddress(ctx: Ctx, addressId: string): Promise<AddressDoc | null> {
  const doc = await addresses(ctx).get(addressId);
  return doc && doc.userId === ctx.caller.openid ? doc : null;
}

/** Keeps exactly one default: the chosen one, or the newest remaining when it goes. */
async function makeDefault(ctx: Ctx, addressId: string) {
  await addresses(ctx).update({ userId: ctx.caller.openid, isDefault: true, _id: { $ne: addressId } }, { $set: { isDefault: false } });
  await addresses(ctx).update({ _id: addressId }, { $set: { isDefault: true } });
}

export const addressActions = bind<'mall'>()({
  listAddresses: {
    handler: async (ctx) => ({
      items: (await addresses(ctx).find({ userId: ctx.caller.openid }, { sort: [['isDefault', 'desc'], ['createdAt', 'desc']] })).map(addressView),
    }),
  },

  saveAddress: {
    write: true,
    handler: async (ctx, { addressId, isDefault, ...fields }) => {
      if (addressId) {
        if (!(await ownAddress(ctx, addressId))) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
        await addresses(ctx).update({ _id: addressId, userId: ctx.caller.openid }, { $set: fields });
        if (isDefault) await makeDefault(ctx, addressId);
        return { addressId };
      }
      const count = await addresses(ctx).count({ userId: ctx.caller.openid });
      if (count >= MAX_ADDRESSES) return fail('ADDRESS_LIMIT');
      const id = ctx.ids.next();
      await addresses(ctx).insert({ _id: id, userId: ctx.caller.openid, ...fields, isDefault: false, createdAt: ctx.now });
      if (isDefault || count === 0) await makeDefault(ctx, id);
      return { addressId: id };
    },
  },

  deleteAddress: {
    write: true,
    handler: async (ctx, { addressId }) => {
      const doc = await ownAddress(ctx, addressId);
      if (!doc) return { deleted: false };
      await addresses(ctx).remove({ _id: addressId, userId: ctx.caller.openid });
      if (doc.isDefault) {
        const next = await addresses(ctx).findOne({ userId: ctx.caller.openid }, { sort: [['createdAt', 'desc']] });
        if (next) await makeDefault(ctx, next._id);
      }
      return { deleted: true };
    },
  },
});
