import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ComplaintStatus } from '../../api/enums.js';
import {
  AnswerComplaintRequest,
  CloseComplaintRequest,
  Complaint,
  ComplaintNumberParam,
  ComplaintPage,
  ComplaintQuery,
  CreateComplaintRequest,
  ExtendComplaintRequest,
  ReviewComplaintRequest,
  SecondReviewRequest,
} from '../../api/schemas/index.js';
import { ANY_ROLE, SUPERVISORS } from '../context.js';
import { answerComplaint, closeComplaint, createComplaint, getComplaint, requestSecondReview, reviewComplaint } from '../domain/complaints.js';
import { extendComplaint } from '../domain/complaint-deadlines.js';
import { listComplaints, toComplaints } from '../store/complaints.js';
import { runChange } from '../http/unit-of-work.js';

const REFUSED = 'A change the complaint\'s status does not allow is 409 `complaint_transition_refused` and changes nothing.';

export const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app;

  app.post(
    '/v1/complaints',
    {
      config: { access: ANY_ROLE, audit: { action: 'complaint.created', targetType: 'complaint' } },
      schema: {
        tags: ['complaints'],
        summary: 'Open a complaint on a conversation',
        description:
          'Gives it a number C-YYYYMMDD-NNNNNN (UTC day, never reused) and a reply-by deadline: by the regulator’s rule (`jurisdiction`; else the customer’s country’s, from their phone number, or the conversation’s team’s calendar’s: `regulation.choice` says which and why) in working or calendar days for its class (`medium`, `complexity`), with an acknowledgement deadline where the rule has one; without a rule, 7 days by default. One complaint that is not closed per conversation: another is 409 `complaint_already_open`.',
        body: CreateComplaintRequest,
        response: { 201: Complaint },
      },
    },
    async (request, reply) => reply.code(201).send(await runChange(request, (uow) => createComplaint(uow, request.body))),
  );

  app.get(
    '/v1/complaints',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['complaints'],
        summary: 'Complaints, what is due first first',
        description: 'Sorted by reply-by time. `status` is a comma list; `overdue=true` keeps those waiting on the desk (open, second_review) past their reply-by time; `customerId` a customer\'s complaints across their conversations.',
        querystring: ComplaintQuery,
        response: { 200: ComplaintPage },
      },
    },
    async (request) => {
      const q = request.query;
      const now = ctx.now();
      const { rows, nextCursor } = await listComplaints(
        ctx.db,
        { statuses: q.status ? (q.status.split(',') as ComplaintStatus[]) : undefined, overdue: q.overdue, conversationId: q.conversationId, customerId: q.customerId },
        now,
        q.limit ?? 50,
        q.cursor,
      );
      return { data: await toComplaints(ctx.db, rows, now), nextCursor };
    },
  );

  app.get(
    '/v1/complaints/:number',
    {
      config: { access: ANY_ROLE },
      schema: { tags: ['complaints'], summary: 'One complaint by number', params: ComplaintNumberParam, response: { 200: Complaint } },
    },
    async (request) => getComplaint(ctx, request.params.number),
  );

  app.post(
    '/v1/complaints/:number/extend',
    {
      config: { access: SUPERVISORS, audit: { action: 'complaint.extended', targetType: 'complaint', targetParam: 'number' } },
      schema: {
        tags: ['complaints'],
        summary: 'Extend a complaint’s regulatory deadline once, with the notice sent to the customer (supervisors)',
        description:
          'Only where the complaint’s rule allows an extension (OJK portal +10 working days, BNM +10, NFRA +30 days, PSD2 to 35 business days), once, while the desk owes the answer; counted from the current deadline on the calendar it was counted on. Otherwise 409 `complaint_extension_refused`, and nothing changes. The notice is sent to the customer as a public reply in the complaint’s conversation, in the same transaction (`regulation.extension.messageId`); a closed conversation takes no message, and `regulation.extension.unsent` says so.',
        params: ComplaintNumberParam,
        body: ExtendComplaintRequest,
        response: { 200: Complaint },
      },
    },
    async (request) => runChange(request, (uow) => extendComplaint(uow, request.params.number, request.body)),
  );

  app.post(
    '/v1/complaints/:number/answer',
    {
      config: { access: ANY_ROLE, audit: { action: 'complaint.answered', targetType: 'complaint', targetParam: 'number' } },
      schema: {
        tags: ['complaints'],
        summary: 'Record the outcome told to the customer: open → answered',
        description: REFUSED,
        params: ComplaintNumberParam,
        body: AnswerComplaintRequest,
        response: { 200: Complaint },
      },
    },
    async (request) => runChange(request, (uow) => answerComplaint(uow, request.params.number, request.body.answer)),
  );

  app.post(
    '/v1/complaints/:number/second-review',
    {
      config: { access: ANY_ROLE, audit: { action: 'complaint.second_review_requested', targetType: 'complaint', targetParam: 'number' } },
      schema: {
        tags: ['complaints'],
        summary: 'Record that the customer disputes the outcome: answered → second_review',
        description: `Once per complaint. The reply-by deadline starts again. ${REFUSED}`,
        params: ComplaintNumberParam,
        body: SecondReviewRequest,
        response: { 200: Complaint },
      },
    },
    async (request) => runChange(request, (uow) => requestSecondReview(uow, request.params.number, request.body.reason)),
  );

  app.post(
    '/v1/complaints/:number/review',
    {
      config: { access: SUPERVISORS, audit: { action: 'complaint.reviewed', targetType: 'complaint', targetParam: 'number' } },
      schema: {
        tags: ['complaints'],
        summary: "A supervisor's decision on a second review: second_review → answered",
        description: `Supervisors and admins; not the agent who answered the complaint (403 \`four_eyes_required\`). ${REFUSED}`,
        params: ComplaintNumberParam,
        body: ReviewComplaintRequest,
        response: { 200: Complaint },
      },
    },
    async (request) => runChange(request, (uow) => reviewComplaint(uow, request.params.number, request.body)),
  );

  app.post(
    '/v1/complaints/:number/close',
    {
      config: { access: ANY_ROLE, audit: { action: 'complaint.closed', targetType: 'complaint', targetParam: 'number' } },
      schema: {
        tags: ['complaints'],
        summary: 'Close a complaint: answered → closed, or open → closed with a note',
        description: `A complaint in second review is closed by the review, never around it. ${REFUSED}`,
        params: ComplaintNumberParam,
        body: CloseComplaintRequest,
        response: { 200: Complaint },
      },
    },
    async (request) => runChange(request, (uow) => closeComplaint(uow, request.params.number, request.body.note)),
  );
};
