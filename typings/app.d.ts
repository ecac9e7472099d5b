/// <reference types="miniprogram-api-typings" />

/** What App() holds for every page: the attribution captured at entry and the dev identity. */
interface IAppOption {
  globalData: {
    /** attribution captured once at entry (live, card, invite code, share) */
    attribution: import('../miniprogram/utils/attribution').Attribution | null;
  };
}
