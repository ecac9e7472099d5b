export type PageStateKind = 'loading' | 'empty' | 'error';

/**
 * The loading, empty and error states every page shows in the same way.
 * `retry` fires from the error state's button (and from the empty state's, when `actionText` is set).
 */
Component({
  properties: {
    state: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    actionText: { type: String, value: '' },
  },
  methods: {
    onAction() {
      this.triggerEvent('retry', {});
    },
  },
});
