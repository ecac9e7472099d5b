import { setDefaultAddress } from '../../kernel/users';
import type { Address } from '../../../../typings/contract';
import { bind, type Ctx } from '../../kernel/define';
import { fail } from '../../kernel/errors';
import type { Db } from '../../ports';
import type { AddressDoc, UserDoc } from '../../schema';
import { MAX_ADDRESSES } from './rules';
import { releaseSlots, takeSlot, type SlotSpec } from '../../kernel/slots';

/** The address book (收货地址), with the field names wx.chooseAddress returns. A user sees only theirs. */
const addresses = (ctx: Ctx) => ctx.db.collection('addresses');

/** At most MAX_ADDRESSES addresses per user. */
const addressSlots = (userId: string): SlotSpec => ({
  id: `addresses:${userId}`,
  max: MAX_ADDRESSES,
  counts: { collection: 'addresses', query: { userId } },
});

export const addressView = (
  { _id, userName, telNumber, provinceName, cityName, countyName, detailInfo }: AddressDoc,
  defaultId: string | null,
): Address => ({
  _id,
  userName,
  telNumber,
  provinceName,
  cityName,
  countyName,
  detailInfo,
  isDefault: _id === defaultId,
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

/**
 * The user's default address: one pointer on the user record, so there is exactly one however
 * addresses are saved or deleted at once; the newest address stands in when the pointer is unset.
 */
export async function defaultAddress(db: Db, userId: string, known?: UserDoc): Promise<AddressDoc | null> {
  const pointer = (known?._id === userId ? known : await db.collection('users').get(userId))?.defaultAddressId;
  const chosen = pointer ? await db.collection('addresses').get(pointer) : null;
  if (chosen && chosen.userId === userId) return chosen;
  return db.collection('addresses').findOne({ userId }, { sort: [['createdAt', 'desc']] });
}

/** The default among the user's addresses, newest first: the pointed-at one, else the newest (as defaultAddress decides). */
export const pickDefault = (pointer: string | null | undefined, newestFirst: AddressDoc[]): AddressDoc | null =>
  (pointer ? newestFirst.find((a) => a._id === pointer) : undefined) ?? newestFirst[0] ?? null;

export async function ownAddress(ctx: Ctx, addressId: string): Promise<AddressDoc | null> {
  const doc = await addresses(ctx).get(addressId);
  return doc && doc.userId === ctx.caller.openid ? doc : null;
}

export const addressActions = bind<'mall'>()({
  listAddresses: {
    handler: async (ctx) => {
      const all = await addresses(ctx).find({ userId: ctx.caller.openid }, { sort: [['createdAt', 'desc']] });
      const defaultId = pickDefault(ctx.me?.defaultAddressId, all)?._id ?? null;
      const items = all.map((a) => addressView(a, defaultId));
      return { items: [...items.filter((a) => a.isDefault), ...items.filter((a) => !a.isDefault)] };
    },
  },

  saveAddress: {
    write: true,
    handler: async (ctx, { addressId, isDefault, ...fields }) => {
      if (addressId) {
        if (!(await ownAddress(ctx, addressId))) return fail('ADDRESS_NOT_FOUND', undefined, 'addressId');
        await addresses(ctx).update({ _id: addressId, userId: ctx.caller.openid }, { $set: fields });
        if (isDefault) await setDefaultAddress(ctx.db, ctx.caller.openid, addressId);
        return { addressId };
      }
      if (!(await takeSlot(ctx.db, addressSlots(ctx.caller.openid), ctx.now))) return fail('ADDRESS_LIMIT');
      const id = ctx.ids.next();
      await addresses(ctx).insert({ _id: id, userId: ctx.caller.openid, ...fields, createdAt: ctx.now });
      // the first address becomes the default: a conditional update on the pointer decides
      if (isDefault) await setDefaultAddress(ctx.db, ctx.caller.openid, id);
      else await setDefaultAddress(ctx.db, ctx.caller.openid, id, { current: null });
      return { addressId: id };
    },
  },

  deleteAddress: {
    write: true,
    handler: async (ctx, { addressId }) => {
      const doc = await ownAddress(ctx, addressId);
      if (!doc) return { deleted: false };
      const removed = await addresses(ctx).remove({ _id: addressId, userId: ctx.caller.openid });
      await releaseSlots(ctx.db, addressSlots(ctx.caller.openid).id, ctx.now, removed);
      const next = await addresses(ctx).findOne({ userId: ctx.caller.openid }, { sort: [['createdAt', 'desc']] });
      await setDefaultAddress(ctx.db, ctx.caller.openid, next?._id ?? null, { current: addressId });
      return { deleted: true };
    },
  },
});
