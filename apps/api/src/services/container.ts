import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AccessTokens } from './access-tokens.js';
import { AdminInsights } from './admin-insights.js';
import { AgentService } from './agent-service.js';
import { AuditLogService } from './audit.js';
import { AuthService } from './auth-service.js';
import { CallLogService } from './call-log-service.js';
import { CredentialRevocations } from './credential-revocations.js';
import { CredentialService } from './credential-service.js';
import { InboundRouter } from './inbound-router.js';
import { InviteService } from './invite-service.js';
import { OrgSettingsService } from './org-settings-service.js';
import { Passwords } from './passwords.js';
import { PhoneNumberService } from './phone-number-service.js';
import { AuthLimits } from './auth-limits.js';
import { RateLimits } from './rate-limits.js';
import { Readiness } from './readiness.js';
import { RingGroupService } from './ring-group-service.js';
import { SecretBox } from './secret-box.js';
import { TelnyxAccountService } from './telnyx-account-service.js';
import { TelnyxProvisioning } from './telnyx-provisioning.js';
import type { TelnyxGateway } from './telnyx-gateway.js';
import { WebhookService } from './webhook-service.js';
import { CallbackService } from './call-lists/callback-service.js';
import { CallListService } from './call-lists/call-list-service.js';
import { ContactQueue } from './call-lists/contact-queue.js';
import { DncService } from './call-lists/dnc-service.js';
import { ImportService } from './call-lists/import-service.js';
import { systemClock, type Clock } from './call-lists/timezones.js';

/** Every service, built once per app (constructor injection; no module-level state). */
export interface Services {
  /** For tests and start-up only: routes reach the database through services (lint-enforced). */
  db: Db;
  config: Config;
  accessTokens: AccessTokens;
  audit: AuditLogService;
  auth: AuthService;
  agents: AgentService;
  invites: InviteService;
  credentials: CredentialService;
  revocations: CredentialRevocations;
  orgSettings: OrgSettingsService;
  callLogs: CallLogService;
  webhooks: WebhookService;
  phoneNumbers: PhoneNumberService;
  rateLimits: RateLimits;
  authLimits: AuthLimits;
  ringGroups: RingGroupService;
  telnyxAccount: TelnyxAccountService;
  insights: AdminInsights;
  readiness: Readiness;
  callLists: CallListService;
  contactQueue: ContactQueue;
  listImports: ImportService;
  dnc: DncService;
  callbacks: CallbackService;
}

export function buildServices(
  db: Db,
  config: Config,
  telnyx: TelnyxGateway,
  clock: Clock = systemClock,
): Services {
  const passwords = new Passwords(config.argon2);
  const accessTokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds);
  const rateLimits = new RateLimits(db);
  const authLimits = new AuthLimits(rateLimits, config);
  const auth = new AuthService(db, passwords, accessTokens, config, authLimits);
  const box = new SecretBox(config.secretsKey);
  const provisioning = new TelnyxProvisioning(db, telnyx, config);
  const orgSettings = new OrgSettingsService(db, box, provisioning, config);
  const revocations = new CredentialRevocations(db, box, telnyx);
  const credentials = new CredentialService(db, orgSettings, telnyx, revocations);
  const phoneNumbers = new PhoneNumberService(db, orgSettings, telnyx);
  const agents = new AgentService(db, passwords, auth, credentials, revocations);
  const callLists = new CallListService(db);
  return {
    db,
    config,
    accessTokens,
    audit: new AuditLogService(db),
    auth,
    agents,
    invites: new InviteService(db, passwords, agents),
    revocations,
    credentials,
    orgSettings,
    callLogs: new CallLogService(db, orgSettings),
    webhooks: new WebhookService(db, config, new InboundRouter(db, orgSettings, telnyx)),
    ringGroups: new RingGroupService(db),
    telnyxAccount: new TelnyxAccountService(
      db,
      orgSettings,
      credentials,
      revocations,
      phoneNumbers,
    ),
    phoneNumbers,
    rateLimits,
    authLimits,
    insights: new AdminInsights(db),
    readiness: new Readiness(db),
    callLists,
    contactQueue: new ContactQueue(db, callLists, clock),
    listImports: new ImportService(db, callLists),
    dnc: new DncService(db),
    callbacks: new CallbackService(db, callLists, clock),
  };
}
