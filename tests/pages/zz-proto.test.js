const exparser = require('miniprogram-exparser');
const jc = require('j-component');
test('proto', async () => {
  const origReg = exparser.registerElement;
  exparser.registerElement = (def) => { if (def.is === 'cB') { def.options.addGlobalClass = true; def.options.styleIsolation='apply-shared'; } return origReg(def); };
  jc.register({ id: 'wx-view', tagName: 'wx-view', template: '<slot/>' });
  jc.register({ id: 'cB', tagName: 'comp-b', template: '<wx-view class="inner {{x}}">B {{x}}</wx-view>', properties: { x: String }, options: { classPrefix: 'cb' }, externalClasses: ['custom-class'],
    pageLifetimes: { show() { console.log('B show'); } } });
  jc.register({ id: 'cA', tagName: 'comp-a', template: '<wx-view class="outer"><comp-b x="{{v}}" class="bb" custom-class="cc"/></wx-view><foo-bar class="q">u</foo-bar>', usingComponents: { 'comp-b': 'cB' }, options: { classPrefix: 'ca' },
    data: { v: 'hello' }, pageLifetimes: { show() { console.log('A show'); } } });
  const root = jc.create('cA');
  root.attach(document.createElement('div'));
  console.log(root.dom.outerHTML);
  root.triggerPageLifeTime('show');
});
