/** scroll-view (native overflow scrolling with WeChat's events) and swiper / swiper-item (positioned slides). */
import { defineBuiltin, host, stateOf, type BuiltinThis } from './base';

const scrollState = stateOf(() => ({ bound: false, last: { top: 0, left: 0 }, atUpper: true, atLower: false }));

function bindScroll(self: BuiltinThis): void {
  const s = scrollState(self);
  if (s.bound) return;
  s.bound = true;
  const el = host(self);
  el.addEventListener('scroll', () => {
    const { scrollTop, scrollLeft, scrollHeight, scrollWidth, clientHeight, clientWidth } = el;
    self.triggerEvent('scroll', { scrollLeft, scrollTop, scrollHeight, scrollWidth, deltaX: scrollLeft - s.last.left, deltaY: scrollTop - s.last.top });
    s.last = { top: scrollTop, left: scrollLeft };
    const vertical = !!self.data.scrollY;
    const pos = vertical ? scrollTop : scrollLeft;
    const room = vertical ? scrollHeight - clientHeight : scrollWidth - clientWidth;
    const upper = pos <= Number(self.data.upperThreshold ?? 50);
    const lower = room - pos <= Number(self.data.lowerThreshold ?? 50);
    const direction = vertical ? 'top' : 'left';
    if (upper && !s.atUpper) self.triggerEvent('scrolltoupper', { direction });
    if (lower && !s.atLower) self.triggerEvent('scrolltolower', { direction: vertical ? 'bottom' : 'right' });
    s.atUpper = upper;
    s.atLower = lower;
  });
}

function scrollTo(self: BuiltinThis, options: ScrollToOptions): void {
  const el = host(self);
  el.scrollTo({ ...options, behavior: self.data.scrollWithAnimation ? 'smooth' : 'auto' });
}

const swiperState = stateOf(() => ({
  current: 0,
  timer: 0,
  observer: null as MutationObserver | null,
  dots: null as HTMLElement | null,
  drag: null as { x: number; y: number; id: number; moved: number } | null,
}));

const items = (self: BuiltinThis): HTMLElement[] => [...host(self).children].filter((c): c is HTMLElement => c.tagName === 'WX-SWIPER-ITEM');

function layout(self: BuiltinThis, animate: boolean, dragPx = 0): void {
  const s = swiperState(self);
  const list = items(self);
  const n = list.length;
  const vertical = !!self.data.vertical;
  const circular = !!self.data.circular && n > 2;
  const duration = Number(self.data.duration ?? 500);
  const size = vertical ? host(self).clientHeight : host(self).clientWidth;
  list.forEach((item, i) => {
    let offset = i - s.current;
    if (circular) {
      if (offset > n / 2) offset -= n;
      if (offset < -n / 2) offset += n;
    }
    const px = offset * size + dragPx;
    item.style.transition = animate ? `transform ${duration}ms ease` : 'none';
    item.style.transform = vertical ? `translate3d(0, ${px}px, 0)` : `translate3d(${px}px, 0, 0)`;
    item.setAttribute('aria-hidden', offset === 0 ? 'false' : 'true');
  });
  renderDots(self, n);
}

function renderDots(self: BuiltinThis, n: number): void {
  const s = swiperState(self);
  if (!self.data.indicatorDots || n < 2) {
    s.dots?.remove();
    s.dots = null;
    return;
  }
  if (!s.dots) {
    s.dots = document.createElement('div');
    s.dots.className = 'wx-swiper-dots';
    host(self).appendChild(s.dots);
  }
  const color = String(self.data.indicatorColor || 'rgba(0, 0, 0, .3)');
  const active = String(self.data.indicatorActiveColor || '#000000');
  s.dots.classList.toggle('wx-swiper-dots--vertical', !!self.data.vertical);
  s.dots.innerHTML = Array.from({ length: n }, (_, i) => `<i class="wx-swiper-dot" style="background:${i === s.current ? active : color}"></i>`).join('');
}

function go(self: BuiltinThis, index: number, source: string): void {
  const s = swiperState(self);
  const n = items(self).length;
  if (!n) return;
  const next = self.data.circular ? (index + n) % n : Math.max(0, Math.min(n - 1, index));
  const changed = next !== s.current;
  s.current = next;
  layout(self, true);
  if (changed && source) {
    const item = items(self)[next];
    self.triggerEvent('change', { current: next, currentItemId: item?.dataset.itemId ?? '', source });
    window.setTimeout(() => self.triggerEvent('animationfinish', { current: next, source }), Number(self.data.duration ?? 500));
  }
}

function restartAutoplay(self: BuiltinThis): void {
  const s = swiperState(self);
  window.clearInterval(s.timer);
  s.timer = 0;
  if (self.data.autoplay && items(self).length > 1) {
    s.timer = window.setInterval(() => {
      const n = items(self).length;
      if (!self.data.circular && s.current >= n - 1) go(self, 0, 'autoplay');
      else go(self, s.current + 1, 'autoplay');
    }, Math.max(300, Number(self.data.interval ?? 5000)));
  }
}

function bindDrag(self: BuiltinThis): void {
  const el = host(self);
  el.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || items(self).length < 2) return;
    swiperState(self).drag = { x: e.clientX, y: e.clientY, id: e.pointerId, moved: 0 };
    window.clearInterval(swiperState(self).timer);
  });
  el.addEventListener('pointermove', (e) => {
    const drag = swiperState(self).drag;
    if (!drag || drag.id !== e.pointerId) return;
    drag.moved = self.data.vertical ? e.clientY - drag.y : e.clientX - drag.x;
    layout(self, false, drag.moved);
  });
  const end = (e: PointerEvent) => {
    const s = swiperState(self);
    const drag = s.drag;
    if (!drag || drag.id !== e.pointerId) return;
    s.drag = null;
    const size = self.data.vertical ? el.clientHeight : el.clientWidth;
    if (Math.abs(drag.moved) > size / 5) go(self, s.current + (drag.moved < 0 ? 1 : -1), 'touch');
    else layout(self, true);
    restartAutoplay(self);
  };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
}

export function registerScroll(): void {
  defineBuiltin('scroll-view', {
    properties: {
      scrollX: Boolean,
      scrollY: Boolean,
      upperThreshold: { type: null, value: 50 },
      lowerThreshold: { type: null, value: 50 },
      scrollTop: { type: null, value: null },
      scrollLeft: { type: null, value: null },
      scrollIntoView: String,
      scrollWithAnimation: Boolean,
      enableBackToTop: Boolean,
      enableFlex: Boolean,
      showScrollbar: { type: Boolean, value: true },
      refresherEnabled: Boolean,
      refresherTriggered: Boolean,
      type: String,
    },
    observers: {
      'scrollX, scrollY, enableFlex, showScrollbar'(this: BuiltinThis, x: boolean, y: boolean, flex: boolean, bar: boolean) {
        const el = host(this);
        el.style.overflowX = x ? 'auto' : 'hidden';
        el.style.overflowY = y ? 'auto' : 'hidden';
        el.classList.toggle('wx-scroll-view--flex', !!flex);
        el.classList.toggle('wx-scroll-view--x', !!x);
        el.classList.toggle('wx-scroll-view--no-bar', bar === false);
      },
      scrollTop(this: BuiltinThis, top: unknown) {
        if (top !== null && top !== undefined && top !== '') window.setTimeout(() => scrollTo(this, { top: Number(top) }), 0);
      },
      scrollLeft(this: BuiltinThis, left: unknown) {
        if (left !== null && left !== undefined && left !== '') window.setTimeout(() => scrollTo(this, { left: Number(left) }), 0);
      },
      scrollIntoView(this: BuiltinThis, id: string) {
        if (!id) return;
        window.setTimeout(() => {
          const target = this._exparserNode.ownerShadowRoot?.querySelector(`#${id}`)?.$$;
          const el = host(this);
          if (!target) return;
          const a = target.getBoundingClientRect();
          const b = el.getBoundingClientRect();
          scrollTo(this, { top: el.scrollTop + a.top - b.top, left: el.scrollLeft + a.left - b.left });
        }, 0);
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        bindScroll(this);
      },
    },
  });

  defineBuiltin('swiper', {
    properties: {
      indicatorDots: Boolean,
      indicatorColor: String,
      indicatorActiveColor: String,
      autoplay: Boolean,
      current: { type: Number, value: 0 },
      interval: { type: Number, value: 5000 },
      duration: { type: Number, value: 500 },
      circular: Boolean,
      vertical: Boolean,
      previousMargin: String,
      nextMargin: String,
      displayMultipleItems: { type: Number, value: 1 },
      easingFunction: String,
    },
    observers: {
      current(this: BuiltinThis, current: number) {
        swiperState(this).current = Number(current) || 0;
        layout(this, true);
      },
      'autoplay, interval, circular'(this: BuiltinThis) {
        restartAutoplay(this);
      },
      'indicatorDots, indicatorColor, indicatorActiveColor, vertical'(this: BuiltinThis) {
        layout(this, false);
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        const s = swiperState(this);
        s.observer = new MutationObserver(() => {
          const n = items(this).length;
          if (s.current >= n) s.current = Math.max(0, n - 1);
          layout(this, false);
          restartAutoplay(this);
        });
        s.observer.observe(host(this), { childList: true });
        bindDrag(this);
        layout(this, false);
        restartAutoplay(this);
      },
      detached(this: BuiltinThis) {
        const s = swiperState(this);
        window.clearInterval(s.timer);
        s.observer?.disconnect();
      },
    },
  });

  defineBuiltin('swiper-item', {
    properties: { itemId: String, skipHiddenItemLayout: Boolean },
    observers: {
      itemId(this: BuiltinThis, id: string) {
        host(this).dataset.itemId = id ?? '';
      },
    },
  });
}
