import { badRequest, type Route } from './types.ts';
import { pendingMessage } from './index.ts';

/**
 * The arm, event and form-event mapping exports. Classic projects answer REDCap's 400 (§1.8),
 * which clients rely on (REDCapR's redcap_delete asks for arms first and reads this text).
 * Longitudinal projects come with the mock's part 2; until then they say so.
 */
function classicRefusal(id: string, what: string): Route {
  return {
    right: 'export',
    handle(ctx) {
      if (ctx.project.info.is_longitudinal !== 1) {
        throw badRequest(`You cannot export ${what} for classic projects`);
      }
      throw badRequest(pendingMessage(id));
    },
  };
}

export const exportArms = classicRefusal('exp_arms', 'arms');
export const exportEvents = classicRefusal('exp_events', 'events');
export const exportFormEventMappings = classicRefusal('exp_inst_event_maps', 'form/event mappings');
