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
export type Macro = Static<typeof S.Macro>;
export type MacroPage = Static<typeof S.MacroPage>;
export type MacroQuery = Static<typeof S.MacroQuery>;
export type CreateMacroRequest = Static<typeof S.CreateMacroRequest>;
export type UpdateMacroRequest = Static<typeof S.UpdateMacroRequest>;
export type RenderMacroQuery = Static<typeof S.RenderMacroQuery>;
export type RenderedMacro = Static<typeof S.RenderedMacro>;
export type Complaint = Static<typeof S.Complaint>;
export type ComplaintRef = Static<typeof S.ComplaintRef>;
export type ComplaintPage = Static<typeof S.ComplaintPage>;
export type ComplaintQuery = Static<typeof S.ComplaintQuery>;
export type CreateComplaintRequest = Static<typeof S.CreateComplaintRequest>;
export type ReviewComplaintRequest = Static<typeof S.ReviewComplaintRequest>;
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
