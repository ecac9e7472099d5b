/**
 * A Vant Weapp event: Vant emits bare values as `detail` (the stepper's number, the checkbox's
 * boolean, the overlimit side), which WechatMiniprogram.CustomEvent does not allow.
 */
export interface VantEvent<D, Dataset = Record<string, never>> {
  detail: D;
  currentTarget: { dataset: Dataset };
}
