import { config } from '../../../miniprogram/config';
import { TEMPLATE_DEFAULTS } from '../../../cloudfunctions/core/modules/messaging/templates';

describe('subscribe templates', () => {
  it('the client asks consent for the template ids the local server sends with', () => {
    expect(config.subscribeTemplates).toEqual(TEMPLATE_DEFAULTS);
  });
});
