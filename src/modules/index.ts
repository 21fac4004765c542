import type { FastifyInstance } from 'fastify';
import { registerCostshareRoutes } from './costshare/costshare.routes';
import { registerLocalCostshareRoutes } from './costshare/local/local.routes';
import { registerCrisisListRoutes } from './crisis/lists.routes';
import { registerIncidentImportRoutes } from './incidents/incident-import.routes';
import { registerIncidentRoutes } from './incidents/incidents.routes';
import { registerIncidentStatsRoutes } from './incidents/stats.routes';
import { registerInboxRoutes } from './notifications/inbox.routes';
import { registerNotificationPreferenceRoutes } from './notifications/preferences.routes';
import { registerWebhookRoutes } from './notifications/webhook.routes';
import { registerPeopleRoutes } from './people/people.routes';
import { registerRegistryRoutes } from './registry/registry.routes';
import { registerRollCallRoutes } from './rollcall/rollcall.routes';
import { registerSrmRoutes } from './srm/srm.routes';
import { registerAdvisoryRoutes } from './threats/advisories.routes';
import { registerLevelAlertRoutes } from './threats/level-alert.routes';
import { registerThreatRoutes } from './threats/threats.routes';
import { registerTravelRoutes } from './travel/travel.routes';
import { registerWhoRoutes } from './travel/who.routes';
import { registerUserRoutes } from './users/users.routes';
import { registerWardenRoutes } from './wardens/wardens.routes';

/** Every capability module's routes, mounted under /api. Add a module here. */
export function registerModules(api: FastifyInstance): void {
  registerRegistryRoutes(api);
  registerUserRoutes(api);
  registerThreatRoutes(api);
  registerAdvisoryRoutes(api);
  registerSrmRoutes(api);
  registerIncidentRoutes(api);
  registerIncidentImportRoutes(api);
  registerIncidentStatsRoutes(api);
  registerWhoRoutes(api);
  registerTravelRoutes(api);
  registerPeopleRoutes(api);
  registerWardenRoutes(api);
  registerNotificationPreferenceRoutes(api);
  registerCostshareRoutes(api);
  registerRollCallRoutes(api);
  registerCrisisListRoutes(api);
  registerWebhookRoutes(api);
  registerInboxRoutes(api);
  registerLevelAlertRoutes(api);
  registerLocalCostshareRoutes(api);
}
