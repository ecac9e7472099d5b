import type { Db } from './db';
import type { CodesPort } from './codes';
import type { MessagingPort } from './messaging';
import type { PaymentPort } from './payment';
import type { WecomPort } from './wecom';
import type { ShippingPort } from './shipping';
import type { IdentityPort } from './identity';
import type { StoragePort } from './storage';
import type { LogisticsPort } from './logistics';
import type { ContentSafetyPort } from './content-safety';
import type { Clock, Ids, Random } from './runtime';

/** The adapters a function runs on, chosen once at start-up. */
export interface Ports {
  db: Db;
  clock: Clock;
  ids: Ids;
  random: Random;
  payment: PaymentPort;
  messaging: MessagingPort;
  wecom: WecomPort;
  codes: CodesPort;
  shipping: ShippingPort;
  identity: IdentityPort;
  storage: StoragePort;
  logistics: LogisticsPort;
  contentSafety: ContentSafetyPort;
}

export type { Db, Collection, Query, Update, Tx, FindOptions, BaseDoc, RawDb, RawTx } from './db';
export { typedDb } from './db';
export { BusyError, DuplicateKeyError, checkUpdatePaths, isBusy, isDuplicateKey } from './db';
export type { Clock, Ids, Random } from './runtime';
export type { Caller, IdentityPort } from './identity';
export type { PaymentPort, PaymentResult, HttpNotification, RefundNotice, RefundResult } from './payment';
export { NotificationRejected, isRefundNotice } from './payment';
export type { MessagingPort } from './messaging';
export type { CodesPort } from './codes';
export type { ShippingPort, ShippingUpload, ShippingParcel, SettlementPush } from './shipping';
export { ShippingRejected, isSettlementPush } from './shipping';
export type { StoragePort, UploadPurpose, FileCheck } from './storage';
export { UPLOAD_RULES, checkBytes, imageTypeOf } from './storage';
export type { WecomPort, WecomEvent, GroupChat, GroupChatMember } from './wecom';
export { WecomCallbackRejected } from './wecom';
export type { LogisticsPort, Trace, TraceEvent, TraceState, Waybill } from './logistics';
export type { ContentSafetyPort, MediaCheckPush, SafetyScene, Suggest } from './content-safety';
export { isMediaCheckPush } from './content-safety';
