// Node.js ESM entry: the same instance as the CommonJS entry, so both share one module in a process.
import api from './index.cjs';

export default api;
export const { formats, TriggerBridgeError, detect, convertEvent, convertResponse, validateEvent, validateResponse, clientResponse, eventFromRequest, eventFromObject, eventFromMessage, convertTimerConfig, convertTrigger, gateway, cron, runCli,
  // adapters (pkg/src/invoke.mjs, context.mjs)
  invoke, normalizeContext, contextFor, fcContext, scfContext, localContextInfo, toRequest, fromResponse, handle, handleNode, adapt, init, initTools } = api;
