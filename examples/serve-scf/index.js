// An SCF event function behind an API gateway trigger (integration response) and a timer.
exports.main_handler = async (event, context) => {
  if (event.Type === 'Timer') {
    console.log(`timer ${event.TriggerName} at ${event.Time}: ${event.Message}`);
    return 'done';
  }
  if (event.path === '/broken') {
    // Tencent's gateway cannot read this (statusCode must be an integer, body a string): the caller gets 403.
    return { statusCode: '200', body: { ok: true } };
  }
  return {
    isBase64Encoded: false,
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: event.httpMethod, path: event.path, api: event.requestContext.path, params: event.pathParameters, query: event.queryString, requestId: context.request_id }),
  };
};
