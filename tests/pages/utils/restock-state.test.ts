import { restockNote, restockState, selectionOf } from '../../../miniprogram/pages/product/utils';

describe('到货提醒 on the product page', () => {
  it('offers a reminder only for a chosen SKU with none left, and says when it is set', () => {
    expect(restockState(null, [])).toBe('');
    expect(restockState({ _id: 's1', stock: 3 }, ['s1'])).toBe('');
    expect(restockState({ _id: 's1', stock: 0 }, [])).toBe('remind');
    expect(restockState({ _id: 's1', stock: 0 }, ['s2'])).toBe('remind');
    expect(restockState({ _id: 's1', stock: 0 }, ['s1'])).toBe('waiting');
    expect([restockNote(''), restockNote('remind'), restockNote('waiting')]).toEqual(['', '该规格已售罄，可设置到货提醒', '已设置到货提醒，到货后微信通知你']);
  });

  it('opens on the SKU a restock message names, or on nothing for an unknown one', () => {
    const product = {
      specGroups: [
        { name: '色号', values: ['蜜桃', '杏色'] },
        { name: '容量', values: ['5g'] },
      ],
      skus: [
        { _id: 'b1', productId: 'p', specs: { 色号: '蜜桃', 容量: '5g' }, priceFen: 100, stock: 1 },
        { _id: 'b2', productId: 'p', specs: { 色号: '杏色', 容量: '5g' }, priceFen: 100, stock: 0 },
      ],
    };
    expect(selectionOf(product, 'b2')).toEqual({ 色号: '杏色', 容量: '5g' });
    expect(selectionOf(product, 'gone')).toBeNull();
  });
});
