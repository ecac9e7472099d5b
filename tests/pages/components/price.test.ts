import { load, mount, text, unmountAll } from '../helpers/render';

describe('price', () => {
  let id: string;
  beforeAll(() => {
    id = load('components/price/index');
  });
  afterEach(unmountAll);

  it('shows fen as yuan with two decimals and the higher list price struck through', () => {
    const comp = mount(id, { fen: 1230, original: 1990 });
    expect(text(comp, '.price__value')).toBe('12.30');
    expect(text(comp, '.price__original')).toBe('¥19.90');
  });

  it('hides a list price that is not higher', () => {
    const comp = mount(id, { fen: 1990, original: 1990 });
    expect(text(comp, '.price__value')).toBe('19.90');
    expect(comp.querySelector('.price__original')).toBeUndefined();
  });

  it('follows a changed price', () => {
    const comp = mount(id, { fen: 100 });
    comp.setData({ fen: 105 });
    expect(text(comp, '.price__value')).toBe('1.05');
  });
});
