/** image, canvas (type 2d backed by an HTML canvas), video, channel-live (a placeholder that opens the dialog). */
import { openChannelsLiveDialog } from '../channels';
import { sameOrigin } from '../origin';
import { defineBuiltin, host, stateOf, type BuiltinThis } from './base';
import { canvasNode } from './canvas-node';

/** image modes as object-fit / object-position */
const FIT: Record<string, [string, string]> = {
  scaleToFill: ['fill', 'center'],
  aspectFit: ['contain', 'center'],
  aspectFill: ['cover', 'center'],
  widthFix: ['fill', 'center'],
  heightFix: ['fill', 'center'],
  top: ['none', 'center top'],
  bottom: ['none', 'center bottom'],
  center: ['none', 'center'],
  left: ['none', 'left center'],
  right: ['none', 'right center'],
  'top left': ['none', 'left top'],
  'top right': ['none', 'right top'],
  'bottom left': ['none', 'left bottom'],
  'bottom right': ['none', 'right bottom'],
};

const imageState = stateOf(() => ({ img: null as HTMLImageElement | null }));

function imageOf(self: BuiltinThis): HTMLImageElement {
  const s = imageState(self);
  if (!s.img) {
    const img = document.createElement('img');
    img.draggable = false;
    img.addEventListener('load', () => {
      applyMode(self);
      self.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight });
    });
    img.addEventListener('error', () => self.triggerEvent('error', { errMsg: `GET ${img.src} 404 (Not Found)` }));
    host(self).appendChild(img);
    s.img = img;
  }
  return s.img;
}

function applyMode(self: BuiltinThis): void {
  const img = imageOf(self);
  const el = host(self);
  const mode = String(self.data.mode || 'scaleToFill');
  const [fit, position] = FIT[mode] ?? FIT.scaleToFill;
  img.style.objectFit = fit;
  img.style.objectPosition = position;
  el.dataset.mode = mode;
  // widthFix / heightFix: the other side follows the picture's ratio
  if ((mode === 'widthFix' || mode === 'heightFix') && img.naturalWidth) {
    const ratio = img.naturalHeight / img.naturalWidth;
    if (mode === 'widthFix') el.style.height = `${el.clientWidth * ratio}px`;
    else el.style.width = `${el.clientHeight / ratio}px`;
  }
}

export function registerMedia(): void {
  defineBuiltin('image', {
    properties: {
      src: String,
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: Boolean,
      webp: Boolean,
      showMenuByLongpress: Boolean,
      fadeIn: Boolean,
    },
    observers: {
      src(this: BuiltinThis, src: string) {
        const img = imageOf(this);
        if (src) img.src = sameOrigin(src);
        else img.removeAttribute('src');
      },
      mode(this: BuiltinThis) {
        applyMode(this);
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        applyMode(this);
      },
    },
  });

  defineBuiltin('canvas', {
    properties: { type: String, canvasId: String, disableScroll: Boolean },
    lifetimes: {
      attached(this: BuiltinThis) {
        const canvas = canvasNode(this);
        // a canvas bitmap starts at its CSS size, as in WeChat; pages then size it by pixel ratio
        const el = host(this);
        if (!canvas.dataset.sized) {
          canvas.width = el.clientWidth || 300;
          canvas.height = el.clientHeight || 150;
          canvas.dataset.sized = '1';
        }
      },
    },
  });

  defineBuiltin('video', {
    properties: {
      src: String,
      poster: String,
      controls: { type: Boolean, value: true },
      autoplay: Boolean,
      loop: Boolean,
      muted: Boolean,
      objectFit: { type: String, value: 'contain' },
      title: String,
      showCenterPlayBtn: { type: Boolean, value: true },
    },
    observers: {
      'src, poster, controls, autoplay, loop, muted, objectFit'(this: BuiltinThis, src: string, poster: string, controls: boolean, autoplay: boolean, loop: boolean, muted: boolean, fit: string) {
        const el = host(this);
        let video = el.querySelector('video');
        if (!video) {
          video = document.createElement('video');
          video.playsInline = true;
          for (const type of ['play', 'pause', 'ended']) video.addEventListener(type, () => this.triggerEvent(type, {}));
          el.appendChild(video);
        }
        if (src && video.getAttribute('src') !== sameOrigin(src)) video.src = sameOrigin(src);
        if (poster) video.poster = sameOrigin(poster);
        video.controls = controls !== false;
        video.autoplay = !!autoplay;
        video.loop = !!loop;
        video.muted = !!muted;
        video.style.objectFit = fit === 'fill' ? 'fill' : fit === 'cover' ? 'cover' : 'contain';
      },
    },
  });

  defineBuiltin('channel-live', {
    properties: { feedId: String, finderUserName: String },
    observers: {
      'feedId, finderUserName'(this: BuiltinThis, feedId: string, finder: string) {
        const el = host(this);
        el.innerHTML = '';
        const box = document.createElement('div');
        box.className = 'wx-channel-live__box';
        box.innerHTML = '<div class="wx-channel-live__badge">视频号直播</div><div class="wx-channel-live__play">▶</div>';
        const who = document.createElement('div');
        who.className = 'wx-channel-live__who';
        who.textContent = finder ? `${finder}${feedId ? ` · ${feedId}` : ''}` : '视频号';
        box.appendChild(who);
        el.appendChild(box);
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        this._exparserNode.addListener('tap', () => {
          void openChannelsLiveDialog({ finderUserName: String(this.data.finderUserName ?? ''), feedId: String(this.data.feedId ?? '') });
        });
      },
    },
  });
}
