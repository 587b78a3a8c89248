import { OrgSettingsSchema, UpdateOrgSettingsSchema } from '@crokodialer/shared';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth.js';
import { requireAdmin } from '../../services/agent-service.js';
import { errors, secured } from '../common.js';

const tags = ['org'];

const routes: FastifyPluginCallbackZod = (app, _opts, done) => {
  app.addHook('onRequest', app.authenticate);
  const { orgSettings, telnyxAccount } = app.services;

  app.get(
    '/settings',
    { schema: { tags, security: secured, response: { 200: OrgSettingsSchema, ...errors } } },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      return orgSettings.get(p.orgId);
    },
  );

  app.patch(
    '/settings',
    {
      schema: {
        tags,
        security: secured,
        description: 'telnyxApiKey is write-only: it is stored encrypted and never returned.',
        body: UpdateOrgSettingsSchema,
        response: { 200: OrgSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      // A new Telnyx key re-provisions the org at Telnyx (telnyx-account-service.ts).
      return telnyxAccount.updateSettings(p, request.body);
    },
  );

  app.post(
    '/telnyx/provision',
    {
      schema: {
        tags,
        security: secured,
        description:
          'Creates what is missing at Telnyx (outbound voice profile, credential connection, Call Control app) now rather than on first use; a failure is kept on the settings.',
        response: { 200: OrgSettingsSchema, ...errors },
      },
    },
    async (request) => {
      const p = principalOf(request);
      requireAdmin(p);
      await orgSettings.access(p.orgId);
      return orgSettings.get(p.orgId);
    },
  );
  done();
};
export default routes;
