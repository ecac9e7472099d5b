/** input and textarea over native fields; picker (selector, multiSelector, date, time, region) over a bottom sheet. */
import { pickerSheet } from '../overlays';
import { defineBuiltin, host, stateOf, type BuiltinThis } from './base';

type Field = HTMLInputElement | HTMLTextAreaElement;

const fieldState = stateOf(() => ({ field: null as Field | null, composing: false }));

const INPUT_TYPES: Record<string, { type: string; inputMode?: string }> = {
  text: { type: 'text' },
  number: { type: 'text', inputMode: 'numeric' },
  idcard: { type: 'text', inputMode: 'text' },
  digit: { type: 'text', inputMode: 'decimal' },
  nickname: { type: 'text' },
  'safe-password': { type: 'password' },
};

function fieldOf(self: BuiltinThis, tag: 'input' | 'textarea'): Field {
  const s = fieldState(self);
  if (s.field) return s.field;
  const field = document.createElement(tag);
  field.className = `wx-${tag}__field`;
  const value = () => field.value;
  field.addEventListener('compositionstart', () => (s.composing = true));
  field.addEventListener('compositionend', () => {
    s.composing = false;
    field.dispatchEvent(new Event('input'));
  });
  field.addEventListener('input', () => {
    if (s.composing) return;
    const max = Number(self.data.maxlength ?? 140);
    if (max >= 0 && field.value.length > max) field.value = field.value.slice(0, max);
    if (self.data.type === 'number' && tag === 'input') field.value = field.value.replace(/[^0-9]/g, '');
    if (self.data.type === 'digit' && tag === 'input') field.value = field.value.replace(/[^0-9.]/g, '');
    self.triggerEvent('input', { value: value(), cursor: field.selectionStart ?? value().length, keyCode: 0 });
    if (tag === 'textarea' && self.data.autoHeight) autoHeight(self);
  });
  field.addEventListener('focus', () => self.triggerEvent('focus', { value: value(), height: 0 }));
  field.addEventListener('blur', () => self.triggerEvent('blur', { value: value(), cursor: field.selectionStart ?? 0 }));
  field.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter' && (tag === 'input' || self.data.confirmType === 'send')) {
      if (tag === 'textarea') e.preventDefault();
      self.triggerEvent('confirm', { value: value() });
      if (!self.data.confirmHold) field.blur();
    }
  });
  host(self).appendChild(field);
  s.field = field;
  return field;
}

function autoHeight(self: BuiltinThis): void {
  const field = fieldState(self).field;
  if (!field) return;
  const el = host(self);
  field.style.height = 'auto';
  el.style.height = `${field.scrollHeight}px`;
  field.style.height = '100%';
}

function fieldDefinition(tag: 'input' | 'textarea') {
  return {
    properties: {
      value: { type: null, value: '' },
      type: { type: String, value: 'text' },
      password: Boolean,
      placeholder: String,
      placeholderClass: String,
      placeholderStyle: String,
      disabled: Boolean,
      maxlength: { type: Number, value: tag === 'input' ? 140 : 140 },
      focus: Boolean,
      autoFocus: Boolean,
      autoHeight: Boolean,
      confirmType: { type: String, value: tag === 'input' ? 'done' : 'return' },
      confirmHold: Boolean,
      cursor: { type: Number, value: -1 },
    },
    observers: {
      value(this: BuiltinThis, v: unknown) {
        const field = fieldOf(this, tag);
        const next = v === null || v === undefined ? '' : String(v);
        if (field.value !== next) field.value = next;
        if (tag === 'textarea' && this.data.autoHeight) autoHeight(this);
      },
      'type, password'(this: BuiltinThis, type: string, password: boolean) {
        const field = fieldOf(this, tag);
        if (field instanceof HTMLInputElement) {
          const t = INPUT_TYPES[type] ?? INPUT_TYPES.text;
          field.type = password ? 'password' : t.type;
          if (t.inputMode) field.inputMode = t.inputMode;
        }
      },
      'placeholder, placeholderStyle'(this: BuiltinThis, placeholder: string, style: string) {
        const field = fieldOf(this, tag);
        field.placeholder = placeholder ?? '';
        host(this).style.setProperty('--wx-placeholder-color', /color\s*:\s*([^;]+)/.exec(style ?? '')?.[1] ?? '');
      },
      disabled(this: BuiltinThis, disabled: boolean) {
        fieldOf(this, tag).disabled = !!disabled;
      },
      'focus, autoFocus'(this: BuiltinThis, focus: boolean, auto: boolean) {
        if (focus || auto) window.setTimeout(() => fieldOf(this, tag).focus(), 0);
      },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        fieldOf(this, tag);
      },
    },
  };
}

export function registerForm(): void {
  defineBuiltin('input', fieldDefinition('input'));
  defineBuiltin('textarea', fieldDefinition('textarea'));

  defineBuiltin('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: null, value: [] },
      rangeKey: String,
      value: { type: null, value: null },
      start: String,
      end: String,
      fields: { type: String, value: 'day' },
      disabled: Boolean,
      headerText: String,
      customItem: String,
      level: { type: String, value: 'region' },
    },
    lifetimes: {
      attached(this: BuiltinThis) {
        this._exparserNode.addListener('tap', () => {
          if (this.data.disabled) return;
          const mode = String(this.data.mode || 'selector');
          void pickerSheet({
            mode,
            range: (this.data.range as unknown[]) ?? [],
            rangeKey: String(this.data.rangeKey ?? ''),
            value: this.data.value,
            start: String(this.data.start ?? ''),
            end: String(this.data.end ?? ''),
            headerText: String(this.data.headerText ?? ''),
          }).then((answer) => {
            if (answer === null) this.triggerEvent('cancel', {});
            else this.triggerEvent('change', { value: answer.value, ...(answer.code ? { code: answer.code } : {}) });
          });
        });
      },
    },
  });
}
