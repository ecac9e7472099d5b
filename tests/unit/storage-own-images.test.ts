import type tcb from '@cloudbase/node-sdk';
import { CloudStorage } from '../../cloudfunctions/core/adapters/cloudbase/storage';
import { LocalStorage } from '../../cloudfunctions/core/adapters/local/storage';
import { cryptoRandom } from '../../cloudfunctions/core/adapters/system';
import type { StoragePort } from '../../cloudfunctions/core/ports/storage';
import { renderAsset } from '../../scripts/local/assets';

describe('images a runtime serves by itself', () => {
  const local = new LocalStorage('/tmp/unused-storage-dir', cryptoRandom);

  it('locally: exactly the demo images the local runtime draws, with or without a view', () => {
    for (const image of ['/assets/p/p-serum.svg', '/assets/p/p-serum.svg?view=2', '/assets/icons/makeup.svg', '/assets/banner/live.svg']) {
      expect(local.servesItself(image)).toBe(true);
      expect(renderAsset(image.replace(/\?.*$/, ''))).toMatch(/^<svg /);
    }
    for (const image of ['/assets/p/p-serum.png', '/assets/p/../p-serum.svg', '/assets/other/x.svg', '/assets/p/p-serum.svg?view=22', '/assets/p/p-serum.svg?x=1', '/files/uploads/product/a.png', 'local://uploads/product/a.png', 'https://example.com/assets/p/a.svg']) {
      expect(local.servesItself(image)).toBe(false);
    }
  });

  it('in the cloud: none, every image shown is a file in cloud storage', () => {
    const cloud: StoragePort = new CloudStorage({} as ReturnType<typeof tcb.init>);
    expect(cloud.servesItself('/assets/p/p-serum.svg')).toBe(false);
  });
});
