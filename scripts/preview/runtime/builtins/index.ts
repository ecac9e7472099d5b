import { registerBasic } from './basic';
import { registerButton } from './button';
import { registerForm } from './form';
import { registerMedia } from './media';
import { registerScroll } from './scroll';

/** Registers every built-in component the preview implements (see docs/PREVIEW.md). */
export function registerBuiltins(): void {
  registerBasic();
  registerButton();
  registerForm();
  registerMedia();
  registerScroll();
}
