import { CALLBACK_MAX_CHARS, envelopeCiphertext } from '../../cloudfunctions/core/adapters/wecom/codec';
import { WecomCallbackRejected } from '../../cloudfunctions/core/ports/wecom';

const refusal = (body: string): string => {
  try {
    envelopeCiphertext(body);
  } catch (e) {
    if (e instanceof WecomCallbackRejected) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('the WeCom callback envelope', () => {
  it('reads the Encrypt element as WeCom sends it, CDATA or plain, wherever it sits', () => {
    expect(envelopeCiphertext('<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[QUJD+/=]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>')).toBe('QUJD+/=');
    expect(envelopeCiphertext('<xml>\n  <Encrypt>QUJD</Encrypt>\n</xml>')).toBe('QUJD');
    expect(envelopeCiphertext('<xml><Encrypt>\n<![CDATA[QUJD]]>\n</Encrypt></xml>')).toBe('QUJD');
    // the first element counts
    expect(envelopeCiphertext('<xml><Encrypt><![CDATA[A]]></Encrypt><Encrypt><![CDATA[B]]></Encrypt></xml>')).toBe('A');
  });

  it('refuses a body with no element, an unclosed or empty one, a broken CDATA, or more than WeCom ever sends', () => {
    expect(refusal('<xml><ToUserName>x</ToUserName></xml>')).toBe('no Encrypt element');
    expect(refusal('<xml><Encrypt><![CDATA[QUJD]]></xml>')).toBe('no Encrypt element');
    expect(refusal('<xml><Encrypt><![CDATA[]]></Encrypt></xml>')).toBe('no Encrypt element');
    expect(refusal('<xml><Encrypt></Encrypt></xml>')).toBe('no Encrypt element');
    expect(refusal('<xml><Encrypt><![CDATA[QUJD</Encrypt></xml>')).toBe('no Encrypt element');
    expect(refusal('<xml><Encrypt><![CDATA[' + 'A'.repeat(CALLBACK_MAX_CHARS) + ']]></Encrypt></xml>')).toBe('callback too large');
    expect(refusal('<xml><Encrypt><![CDATA[' + 'A'.repeat(CALLBACK_MAX_CHARS - 100) + ']]></Encrypt></xml>')).toBe('accepted');
  });
});
