import {
  AssignCallListSchema,
  CallListSchema,
  CallLogSchema,
  ClaimResponseSchema,
  CompleteAttemptSchema,
  ContactParamsSchema,
  ContactQuerySchema,
  ContactSchema,
  CreateCallListSchema,
  ListIdParamsSchema,
  pageSchema,
  ReleaseContactSchema,
  UpdateCallListSchema,
} from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth.js';
import { errors, secured } from '../common.js';
import importRoutes from './import.js';

const tags = ['call-lists'];

/** Call lists and their queue (docs/call-lists.md#rest-contract). */
const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { callLists, contactQueue } = app.services;
  const s = { tags, security: secured };

  app.get('/', { schema: { ...s, response: { 200: z.array(CallListSchema), ...errors } } }, (r) =>
    callLists.list(principalOf(r)),
  );
  app.post(
    '/',
    { schema: { ...s, body: CreateCallListSchema, response: { 201: CallListSchema, ...errors } } },
    async (r, reply) => reply.code(201).send(await callLists.create(principalOf(r), r.body)),
  );
  app.get(
    '/:listId',
    { schema: { ...s, params: ListIdParamsSchema, response: { 200: CallListSchema, ...errors } } },
    (r) => callLists.get(principalOf(r), r.params.listId),
  );
  app.patch(
    '/:listId',
    {
      schema: {
        ...s,
        params: ListIdParamsSchema,
        body: UpdateCallListSchema,
        response: { 200: CallListSchema, ...errors },
      },
    },
    (r) => callLists.update(principalOf(r), r.params.listId, r.body),
  );
  app.delete(
    '/:listId',
    { schema: { ...s, params: ListIdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (r, reply) => {
      await callLists.remove(principalOf(r), r.params.listId);
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/:listId/agents',
    {
      schema: {
        ...s,
        params: ListIdParamsSchema,
        body: AssignCallListSchema,
        response: { 200: CallListSchema, ...errors },
      },
    },
    (r) => callLists.assign(principalOf(r), r.params.listId, r.body.agentIds),
  );
  app.get(
    '/:listId/contacts',
    {
      schema: {
        ...s,
        params: ListIdParamsSchema,
        querystring: ContactQuerySchema,
        response: { 200: pageSchema(ContactSchema), ...errors },
      },
    },
    (r) => callLists.contacts(principalOf(r), r.params.listId, r.query),
  );
  app.get(
    '/:listId/contacts/:contactId',
    { schema: { ...s, params: ContactParamsSchema, response: { 200: ContactSchema, ...errors } } },
    (r) => callLists.contact(principalOf(r), r.params.listId, r.params.contactId),
  );
  app.get(
    '/:listId/contacts/:contactId/calls',
    {
      schema: {
        ...s,
        params: ContactParamsSchema,
        response: { 200: z.array(CallLogSchema), ...errors },
      },
    },
    (r) => callLists.history(principalOf(r), r.params.listId, r.params.contactId),
  );
  app.post(
    '/:listId/claim',
    {
      schema: {
        ...s,
        params: ListIdParamsSchema,
        response: { 200: ClaimResponseSchema, ...errors },
      },
    },
    (r) => contactQueue.claim(principalOf(r), r.params.listId),
  );
  app.post(
    '/:listId/contacts/:contactId/renew',
    { schema: { ...s, params: ContactParamsSchema, response: { 200: ContactSchema, ...errors } } },
    (r) => contactQueue.renew(principalOf(r), r.params.listId, r.params.contactId),
  );
  app.post(
    '/:listId/contacts/:contactId/release',
    {
      schema: {
        ...s,
        params: ContactParamsSchema,
        body: ReleaseContactSchema.optional(),
        response: { 200: ContactSchema, ...errors },
      },
    },
    (r) =>
      contactQueue.release(
        principalOf(r),
        r.params.listId,
        r.params.contactId,
        r.body?.delayMinutes ?? ReleaseContactSchema.parse({}).delayMinutes,
      ),
  );
  app.post(
    '/:listId/contacts/:contactId/complete',
    {
      schema: {
        ...s,
        params: ContactParamsSchema,
        body: CompleteAttemptSchema,
        response: { 200: ContactSchema, ...errors },
      },
    },
    (r) => contactQueue.complete(principalOf(r), r.params.listId, r.params.contactId, r.body),
  );
  void app.register(importRoutes);
  done();
};
export default routes;
