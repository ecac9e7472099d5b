/** The search box on the home and category pages: a tap fires `select`, and the page opens the search page. */
Component({
  properties: {
    placeholder: { type: String, value: '搜索商品' },
  },
  methods: {
    onTap() {
      this.triggerEvent('select', {});
    },
  },
});
