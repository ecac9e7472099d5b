import { hasClass, load, mount, tap, text, unmountAll, type Rendered } from '../helpers/render';

/** Records the events a component emits. */
function listen(comp: Rendered, ...names: string[]) {
  const events: Array<[string, unknown]> = [];
  for (const name of names) comp.addEventListener(name, (e: { detail: unknown }) => events.push([name, e.detail]));
  return events;
}

describe('stepper', () => {
  let id: string;
  beforeAll(() => {
    id = load('components/stepper/index');
  });
  afterEach(unmountAll);

  it('emits change with the next value on plus and minus, once per tap', async () => {
    const comp = mount(id, { value: 2, min: 1, max: 5 });
    const events = listen(comp, 'change', 'overlimit');
    await tap(comp, '.stepper__plus');
    await tap(comp, '.stepper__minus');
    expect(events).toEqual([
      ['change', { value: 3 }],
      ['change', { value: 1 }],
    ]);
    // controlled: the shown value only moves when the parent passes it back
    expect(text(comp, '.stepper__value')).toBe('2');
  });

  it('reports overlimit instead of passing max or min', async () => {
    const comp = mount(id, { value: 5, min: 1, max: 5 });
    const events = listen(comp, 'change', 'overlimit');
    await tap(comp, '.stepper__plus');
    comp.setData({ value: 1 });
    await tap(comp, '.stepper__minus');
    expect(events).toEqual([
      ['overlimit', { type: 'plus' }],
      ['overlimit', { type: 'minus' }],
    ]);
  });

  it('shows the buttons off at the bounds', () => {
    const comp = mount(id, { value: 1, min: 1, max: 1 });
    expect(hasClass(comp.querySelector('.stepper__minus'), 'stepper__btn--off')).toBe(true);
    expect(hasClass(comp.querySelector('.stepper__plus'), 'stepper__btn--off')).toBe(true);
  });

  it('emits nothing while disabled', async () => {
    const comp = mount(id, { value: 2, min: 1, max: 5, disabled: true });
    const events = listen(comp, 'change', 'overlimit');
    await tap(comp, '.stepper__plus');
    await tap(comp, '.stepper__minus');
    expect(events).toEqual([]);
  });
});
