import type { Static } from 'typebox';
import type * as S from './schemas/index.js';

export type Problem = Static<typeof S.Problem>;
export type Agent = Static<typeof S.Agent>;
export type AgentRef = Static<typeof S.AgentRef>;
export type LoginRequest = Static<typeof S.LoginRequest>;
export type LoginResponse = Static<typeof S.LoginResponse>;
export type Me = Static<typeof S.Me>;
export type Customer = Static<typeof S.Customer>;
export type WalletAccount = Static<typeof S.WalletAccount>;
export type Transaction = Static<typeof S.Transaction>;
export type Sla = Static<typeof S.Sla>;
export type ConversationSummary = Static<typeof S.ConversationSummary>;
export type Message = Static<typeof S.Message>;
export type ConversationDetail = Static<typeof S.ConversationDetail>;
export type QueueQuery = Static<typeof S.QueueQuery>;
export type QueuePage = Static<typeof S.QueuePage>;
export type MessagePage = Static<typeof S.MessagePage>;
export type SendMessageRequest = Static<typeof S.SendMessageRequest>;
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

// Accounts, ledger, refunds, audit and customer context (schemas/money.ts).
export type FreezeRequest = Static<typeof S.FreezeRequest>;
export type UnfreezeRequest = Static<typeof S.UnfreezeRequest>;
export type CloseRequest = Static<typeof S.CloseRequest>;
export type IdentityVerification = Static<typeof S.IdentityVerification>;
export type AccountStatusChange = Static<typeof S.AccountStatusChange>;
export type AccountDetail = Static<typeof S.AccountDetail>;
export type AccountTransitionResponse = Static<typeof S.AccountTransitionResponse>;
export type PostTransactionRequest = Static<typeof S.PostTransactionRequest>;
export type RefundableTransaction = Static<typeof S.RefundableTransaction>;
export type PostedTransaction = Static<typeof S.PostedTransaction>;
export type TransactionDetail = Static<typeof S.TransactionDetail>;
export type Refund = Static<typeof S.Refund>;
export type CreateRefundRequest = Static<typeof S.CreateRefundRequest>;
export type ApproveRefundRequest = Static<typeof S.ApproveRefundRequest>;
export type RejectRefundRequest = Static<typeof S.RejectRefundRequest>;
export type RefundListQuery = Static<typeof S.RefundListQuery>;
export type RefundPage = Static<typeof S.RefundPage>;
export type RefundAllowance = Static<typeof S.RefundAllowance>;
export type ApprovalCheck = Static<typeof S.ApprovalCheck>;
export type RefundDetail = Static<typeof S.RefundDetail>;
export type RefundPreviewQuery = Static<typeof S.RefundPreviewQuery>;
export type RefundPreview = Static<typeof S.RefundPreview>;
export type RefundLimit = Static<typeof S.RefundLimit>;
export type RefundLimits = Static<typeof S.RefundLimits>;
export type UpdateRefundLimitsRequest = Static<typeof S.UpdateRefundLimitsRequest>;
export type AuditRecord = Static<typeof S.AuditRecord>;
export type AuditQuery = Static<typeof S.AuditQuery>;
export type AuditPage = Static<typeof S.AuditPage>;
export type CustomerDevice = Static<typeof S.CustomerDevice>;
export type CustomerLogin = Static<typeof S.CustomerLogin>;
export type CustomerSecurity = Static<typeof S.CustomerSecurity>;
export type CustomerContext = Static<typeof S.CustomerContext>;
