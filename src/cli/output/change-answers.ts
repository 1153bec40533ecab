import { Type, type TSchema } from 'typebox';
import { AgentResponse } from '../../api/schemas/agent-admin.js';
import { Announcement } from '../../api/schemas/announcement.js';
import { Calendar } from '../../api/schemas/calendar.js';
import { Complaint } from '../../api/schemas/complaint.js';
import { EndCallResponse, StartConversationResponse } from '../../api/schemas/desk-conversation.js';
import { DeskSettings } from '../../api/schemas/desk-settings.js';
import { Incident, LinkConversationsResponse } from '../../api/schemas/incident.js';
import { AccountTransitionResponse, Refund } from '../../api/schemas/money.js';
import { QualityReview, Rubric, SampleReviewsResponse } from '../../api/schemas/review.js';
import { FollowUp } from '../../api/schemas/survey.js';
import { ConversationResponse, MessageResponse, ResolveResponse, SlaPolicyList } from '../../api/schemas/workflow.js';

/** What `incident broadcast` (and `incident resolve --message`) prints once every batch is sent. */
const BroadcastReport = Type.Object({
  incidentId: Type.Integer(),
  updateId: Type.Union([Type.Integer(), Type.Null()]),
  sent: Type.Integer(),
  alreadySent: Type.Integer(),
  resolvedConversations: Type.Array(Type.Integer()),
});

type AnswerRule = TSchema | ((options: Readonly<Record<string, unknown>>) => TSchema);

/**
 * The JSON answer of each command that changes the desk, so that `--fields` is checked before the
 * change is made rather than after it. tests/cli/change-answers.test.ts fails for a changing
 * command with --json that is missing here, and checks real answers against these shapes.
 * (bulk declares its outcome lines itself; a --dry-run prints its own preview and changes nothing.)
 */
export const CHANGE_ANSWERS: Readonly<Record<string, AnswerRule>> = {
  claim: ConversationResponse,
  availability: AgentResponse,
  'conversation reply': MessageResponse,
  'conversation note': MessageResponse,
  'conversation resolve': ResolveResponse,
  'conversation reopen': ConversationResponse,
  'conversation pending': ConversationResponse,
  'conversation close': ConversationResponse,
  'conversation snooze': ConversationResponse,
  'conversation transfer': ConversationResponse,
  'conversation tag': ConversationResponse,
  'conversation create': StartConversationResponse,
  'conversation end-call': EndCallResponse,
  'agent create': AgentResponse,
  'agent update': AgentResponse,
  'sla set': SlaPolicyList,
  'complaint create': Complaint,
  'complaint answer': Complaint,
  'complaint review': Complaint,
  'complaint close': Complaint,
  'complaint extend': Complaint,
  'account freeze': AccountTransitionResponse,
  'account unfreeze': AccountTransitionResponse,
  'account close': AccountTransitionResponse,
  'refund create': Refund,
  'refund approve': Refund,
  'refund reject': Refund,
  'incident create': Incident,
  'incident update': Incident,
  'incident link': LinkConversationsResponse,
  'incident unlink': Incident,
  'incident broadcast': BroadcastReport,
  'incident resolve': (options) => (options['message'] ? BroadcastReport : Incident),
  'announcement create': Announcement,
  'announcement cancel': Announcement,
  'calendar create': Calendar,
  'calendar update': Calendar,
  'calendar delete': Type.Object({ deleted: Type.String() }),
  'calendar holiday add': Calendar,
  'review create': QualityReview,
  'review score': QualityReview,
  'review sample': SampleReviewsResponse,
  'review rubric': Rubric,
  'survey close-follow-up': FollowUp,
  'desk settings set': DeskSettings,
};

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

const isObjectSchema = (s: JsonSchema | undefined): boolean => s !== undefined && (s.type === 'object' || (s.anyOf ?? s.allOf ?? []).some(isObjectSchema));

function propertiesOf(schema: JsonSchema): Map<string, JsonSchema> {
  const own = new Map(Object.entries(schema.properties ?? {}));
  for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])]) for (const [k, v] of propertiesOf(part)) own.set(k, v);
  return own;
}

/**
 * The field names --fields may pick from an answer of this shape, by the rule that select-fields.ts
 * applies to the answer itself: the items of `{data: [...]}`, the object inside a one-key answer
 * (`{conversation}`), or the answer's own fields.
 */
export function answerFields(schema: TSchema): string[] {
  const properties = propertiesOf(schema as JsonSchema);
  const data = properties.get('data');
  if (data?.type === 'array' && data.items) return [...propertiesOf(data.items).keys()];
  if (properties.size === 1) {
    const only = [...properties.values()][0];
    if (isObjectSchema(only)) return [...propertiesOf(only!).keys()];
  }
  return [...properties.keys()];
}

export function changeAnswerFields(path: string, options: Readonly<Record<string, unknown>>): string[] | undefined {
  const rule = CHANGE_ANSWERS[path];
  if (rule === undefined) return undefined;
  return answerFields(typeof rule === 'function' ? rule(options) : rule);
}
