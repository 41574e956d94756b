// An SCF event handler, unchanged, served as a web function by scf_bootstrap. On an FC custom runtime the same
// command works as the start command (`--as aliyun-http`, FC's CAPort 9000): x-fc-* headers fill the context.
exports.main_handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ path: event.path, requestId: context.request_id, function: context.function_name }),
});
